using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence;
using Reporting.Tests.Support;

namespace Reporting.Tests.Infrastructure.Persistence;

/// <summary>
/// Two service instances on one PostgreSQL database (as behind a load balancer): references stay
/// unique under concurrent intake on both, every alert is sent once, a session from one instance is
/// accepted by the other, and a pg_dump shows only ciphertext.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MultiInstanceTests
{
    private const int ReportsPerInstance = 60;
    private TempFolder _folderA = null!;
    private TempFolder _folderB = null!;
    private TestSmtpServer _smtp = null!;
    private ReportingHost _a = null!;
    private ReportingHost _b = null!;
    private Dictionary<string, string?> _settings = null!;

    [OneTimeSetUp]
    public async Task StartTwoInstances()
    {
        _smtp = new TestSmtpServer();
        _smtp.Start();
        _settings = await ReportingHost.SettingsForAsync("PostgreSQL", new Dictionary<string, string?>
        {
            // Every instance needs the same key (a key file per machine would not match the database).
            ["Encryption:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Notifications:Recipients:0"] = "samordnare@kommun.example",
            ["Notifications:RetryInitialSeconds"] = "0.2",
            ["Notifications:CoalesceSeconds"] = "0.2",
        });
        _folderA = new TempFolder();
        _folderB = new TempFolder();
        _a = new ReportingHost(_folderA.Path, _settings);
        _b = new ReportingHost(_folderB.Path, _settings);
        // Both start (and migrate) at the same time, as a deployment's instances do.
        await Task.WhenAll(Task.Run(() => _a.CreateClient().Dispose()), Task.Run(() => _b.CreateClient().Dispose()));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _a?.Dispose();
        _b?.Dispose();
        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }

        _folderA?.Dispose();
        _folderB?.Dispose();
    }

    private static async Task<List<string>> SubmitManyAsync(ReportingHost host, string marker)
    {
        using var client = host.CreateClient();
        var receipts = new List<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, ReportsPerInstance), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            using var response = await client.PostAsJsonAsync("/api/reports", SampleReports.Valid($"{marker} klistermärken vid entrén, nummer {i}."));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            var receipt = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
            lock (receipts)
            {
                receipts.Add(receipt);
            }
        });
        return receipts;
    }

    private (long Reports, long DistinctReferences, int Highest) Counts()
    {
        using var connection = _a.OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT (\"ReferenceYear\", \"ReferenceNumber\")), COALESCE(MAX(\"ReferenceNumber\"), 0) FROM \"Reports\"";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2));
    }

    [Test]
    public async Task ConcurrentSubmitsOnBothInstancesGetUniqueReferencesAndEveryAlertIsSentOnce()
    {
        var before = Counts();
        await Eventually.TrueAsync(() => AlertMail.ReportsFor(_smtp.Accepted, "samordnare@kommun.example") >= before.Reports);
        var alertsBefore = AlertMail.ReportsFor(_smtp.Accepted, "samordnare@kommun.example");

        var both = await Task.WhenAll(SubmitManyAsync(_a, "Instans A:"), SubmitManyAsync(_b, "Instans B:"));

        var after = Counts();
        Assert.That(after.Reports - before.Reports, Is.EqualTo(2 * ReportsPerInstance));
        Assert.That(after.DistinctReferences, Is.EqualTo(after.Reports), "no reference handed out twice");
        Assert.That(after.Highest, Is.EqualTo(after.Reports), "no gaps: YYYY-001, YYYY-002, …");
        Assert.That(both.SelectMany(r => r).Distinct().Count(), Is.EqualTo(2 * ReportsPerInstance));
        Assert.That(await Eventually.TrueAsync(() => AlertMail.ReportsFor(_smtp.Accepted, "samordnare@kommun.example") >= alertsBefore + 2 * ReportsPerInstance, TimeSpan.FromSeconds(60)), Is.True, "every report is alerted");
        await Task.Delay(TimeSpan.FromSeconds(3)); // room for a duplicate to show up
        var messageIds = _smtp.Accepted.Select(m => m.MessageId).ToList();
        Assert.That(AlertMail.ReportsFor(_smtp.Accepted, "samordnare@kommun.example"), Is.EqualTo(after.Reports), "each report counted once, by one of the instances");
        Assert.That(messageIds.Distinct().Count(), Is.EqualTo(messageIds.Count), "no e-mail sent twice");
    }

    [Test]
    public async Task EachInstancesIndexFollowsWhatTheOtherChanges()
    {
        static async Task<ReportList> ListAsync(ReportingHost host, ListReportsQuery query)
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
        }

        const string Actor = "samordnare@kommun.example";
        var before = (await ListAsync(_b, new ListReportsQuery(Actor, Kind: "information"))).Total; // B's index is built
        using (var response = await _a.SubmitAsync(SampleReports.With("kind", "information")))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var onB = await ListAsync(_b, new ListReportsQuery(Actor, Kind: "information"));
        Assert.That(onB.Total, Is.EqualTo(before + 1), "a report stored by A is in B's index");
        var id = onB.Items[0].Id;

        await using (var scope = _b.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new UpdateReportCommand(Actor, id, "closed", null, null));
        }

        Assert.That((await ListAsync(_a, new ListReportsQuery(Actor, Kind: "information", Status: "closed"))).Items.Select(i => i.Id), Does.Contain(id), "B's status change is in A's index");

        // Deleted on A (as retention does), gone from B.
        await using (var scope = _a.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            await db.RunAtomicallyAsync(async () =>
            {
                await db.NoteReportsDeletedAsync(CancellationToken.None);
                await db.StatusChanges.Where(c => c.ReportId == id).ExecuteDeleteAsync();
                await db.Reports.Where(r => r.Id == id).ExecuteDeleteAsync();
            }, CancellationToken.None);
        }

        Assert.That((await ListAsync(_b, new ListReportsQuery(Actor, Kind: "information"))).Items.Select(i => i.Id), Does.Not.Contain(id), "a deletion on A leaves B's index");
    }

    [Test]
    public async Task TheDaysRemindersAreCountedByOneInstanceOnly()
    {
        using (var response = await _a.SubmitAsync(SampleReports.Valid()))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        // As if every report had waited a year, the clock told (as any change to reports tells it),
        // and today's reminders not yet sent.
        using (var connection = _a.OpenRawConnection())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                UPDATE "ReportClock" SET "Revision" = "Revision" + 1;
                UPDATE "Reports" SET "ReceivedOn" = DATE '2025-06-01', "Revision" = (SELECT "Revision" FROM "ReportClock");
                DELETE FROM "ServiceState" WHERE "Name" = 'reminders.last-day';
                """;
            command.ExecuteNonQuery();
        }

        var both = await Task.WhenAll(
            Task.Run(() => _a.Services.GetRequiredService<Reporting.Features.Notifications.ReminderJob>().RunOnceAsync(CancellationToken.None)),
            Task.Run(() => _b.Services.GetRequiredService<Reporting.Features.Notifications.ReminderJob>().RunOnceAsync(CancellationToken.None)));

        Assert.That(both.Count(r => r.NotAssessed + r.Open > 0), Is.EqualTo(1), $"one instance counted, the other found it done: {string.Join(", ", both)}");
        var open = await _a.ReadColumnAsync("SELECT CAST(COUNT(*) AS TEXT) FROM \"Reports\" WHERE \"Status\" <> 'closed'");
        Assert.That(both.Sum(r => r.Open), Is.EqualTo(int.Parse(open.Single(), System.Globalization.CultureInfo.InvariantCulture)), "every open report counted once");
    }

    [Test]
    public async Task ASessionFromOneInstanceIsAcceptedByTheOther()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(_a, "tva.instanser@kommun.example");
        var cookie = await CoordinatorAccess.SessionCookieAsync(_a, coordinator);
        using var client = _b.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports");
        request.Headers.Add("Cookie", cookie);

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task AnInstanceWithAnotherKeyIsRefusedAtStart()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__DataDirectory"] = _folderA.Path,
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__Reporting"] = _settings["ConnectionStrings:Reporting"]!,
            ["Encryption__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };

        var result = await ServiceProcess.RunAsync(environment, "migrate");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("does not match this database"));
    }

    [Test]
    public async Task APgDumpHoldsOnlyCiphertext()
    {
        using (var client = _b.CreateClient())
        using (var response = await client.PostAsJsonAsync("/api/reports", SampleReports.Valid("Hemlig dumptext: flygblad i cykelrummet.")))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var dump = await _a.StoredDataAsync();

        Assert.That(dump, Does.Contain("COPY public.\"Reports\""), "the dump has the reports table");
        Assert.That(dump, Does.Not.Contain("Hemlig dumptext").And.Not.Contain("cykelrummet").And.Not.Contain("white-power").And.Not.Contain("grundskola"));
    }
}
