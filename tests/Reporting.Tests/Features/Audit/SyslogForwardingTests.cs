using System.Globalization;
using System.Net;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Audit;

/// <summary>
/// The audit log forwarded to a syslog receiver over TCP as RFC 5424: every line arrives once and in
/// order, through an outage of the receiver and a restart of the service in the middle of it, with
/// codes only (nothing a reporter typed).
/// </summary>
[NonParallelizable]
public sealed class SyslogForwardingTests
{
    private const string Marker = "Sy9Lingonris";

    [Test]
    public async Task EveryAuditLineArrivesOnceThroughAnOutageAndARestart()
    {
        using var folder = new TempFolder();
        await using var receiver = new SyslogReceiver();
        receiver.Start();
        var settings = new Dictionary<string, string?>
        {
            ["Audit:Syslog:Host"] = "127.0.0.1",
            ["Audit:Syslog:Port"] = receiver.Port.ToString(CultureInfo.InvariantCulture),
            ["Audit:Syslog:PollSeconds"] = "1",
            ["Audit:Syslog:HostName"] = "rapportering.kommun.example",
        };

        var host = new ReportingHost(folder.Path, settings);
        using (var submitted = await host.SubmitAsync(SampleReports.Valid($"Klistermärken {Marker} vid entrén.")))
        {
            Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var signedIn = await CoordinatorAccess.SignInAsync(host, await CoordinatorAccess.EnrolAsync(host, "logg@kommun.example"));
        await ReadTheLogAsync(signedIn);
        Assert.That(await Eventually.TrueAsync(async () => Received(receiver).IsSupersetOf(await IdsAsync(host)), TimeSpan.FromSeconds(20)), Is.True, "the first lines arrive");

        // The log system goes down; lines are written meanwhile, and the service restarts before it is back.
        await receiver.StopAsync();
        await ReadTheLogAsync(signedIn);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        signedIn.Dispose();
        host.Dispose();
        host = new ReportingHost(folder.Path, settings);
        using (var again = await CoordinatorAccess.SignInAsync(host, await CoordinatorAccess.EnrolAsync(host, "logg2@kommun.example")))
        {
            await ReadTheLogAsync(again);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        receiver.Start();
        var all = await IdsAsync(host);
        var arrived = await Eventually.TrueAsync(() => Received(receiver).IsSupersetOf(all), TimeSpan.FromSeconds(90));
        host.Dispose();

        var ids = receiver.Messages.Select(m => long.Parse(m.Data["id"], CultureInfo.InvariantCulture)).ToList();
        Assert.That(arrived, Is.True, $"missing: {string.Join(", ", all.Except(ids))}");
        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.Unique, "each line once");
            Assert.That(ids, Is.Ordered, "in the order written");
            Assert.That(receiver.Unparsed, Is.Empty, "every frame is RFC 5424");
            Assert.That(receiver.Messages.Select(m => m.Priority), Has.All.EqualTo(109), "log audit, notice");
            Assert.That(receiver.Messages.Select(m => (m.Host, m.App)), Has.All.EqualTo(("rapportering.kommun.example", "reporting")));
            Assert.That(receiver.Messages.Select(m => m.MessageId), Has.Some.EqualTo("audit-log-read").And.Some.EqualTo("signed-in"));
            Assert.That(receiver.Messages.Select(m => m.Data["actor"]), Has.Some.EqualTo("logg@kommun.example").And.Some.EqualTo("logg2@kommun.example"));
            Assert.That(string.Join("\n", receiver.Messages.Select(m => m.Text)), Does.Not.Contain(Marker), "nothing typed");
        });
    }

    private static HashSet<long> Received(SyslogReceiver receiver) =>
        [.. receiver.Messages.Select(m => long.Parse(m.Data["id"], CultureInfo.InvariantCulture))];

    private static async Task<HashSet<long>> IdsAsync(ReportingHost host) =>
        [.. (await host.ReadColumnAsync("SELECT \"Id\" FROM \"AuditLog\"")).Select(id => long.Parse(id, CultureInfo.InvariantCulture))];

    private static async Task ReadTheLogAsync(HttpClient signedIn)
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var response = await signedIn.GetAsync($"/api/audit?from={today}&to={today}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }
}
