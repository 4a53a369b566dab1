using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Audit;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Audit;

/// <summary>
/// What a reporter does with the receipt reaches the audit log as one line per report, day and kind,
/// dated to the day and written once the day is over: a coordinator who asks a question and watches
/// the log learns that the reporter followed up on a day, never when.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSQL")]
[NonParallelizable]
public sealed class ReporterActivityTests(string provider)
{
    [Test]
    public async Task TheReportersDayBecomesOneLinePerKindDatedToTheDayOnceItIsOver()
    {
        using var folder = new TempFolder();
        // 14:23:17.456 UTC, 15:23 in Stockholm: well inside the day.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 14, 23, 17, 456, TimeSpan.Zero));
        using var host = new ReportingHost(folder.Path, await ReportingHost.SettingsForAsync(provider), clock);
        using var reporter = host.CreateClient();
        using var submitted = await reporter.PostAsJsonAsync("/api/reports", SampleReports.Valid());
        var receipt = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
        var id = Guid.Parse((await host.ReadColumnAsync("SELECT CAST(\"Id\" AS TEXT) FROM \"Reports\"")).Single());
        for (var i = 0; i < 2; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(7));
            using var read = await reporter.PostAsJsonAsync("/api/follow-up", new { receipt });
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var replied = await reporter.PostAsJsonAsync("/api/follow-up/messages", new { receipt, text = "Det var vid entrén." }))
        {
            Assert.That(replied.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        Assert.That((await HistoryAsync(host, id)).Select(l => l.Action), Has.None.EqualTo("follow-up-read").And.None.EqualTo("reply-received"),
            "the coordinator cannot watch the reporter's day as it happens");

        // The next day the hourly job (on the service's clock) writes the day that is over.
        clock.Advance(TimeSpan.FromDays(1));
        var job = host.Services.GetRequiredService<ReporterActivityJob>();
        Assert.That(await Eventually.TrueAsync(() => host.ReadColumnAsync("SELECT \"Action\" FROM \"AuditLog\" WHERE \"Action\" = 'reply-received'").GetAwaiter().GetResult().Count == 1), Is.True);

        var lines = await host.ReadColumnAsync(
            "SELECT \"Action\" || '|' || \"Detail\" || '|' || CAST(\"At\" AS TEXT) FROM \"AuditLog\" WHERE \"Action\" IN ('follow-up-read', 'reply-received') ORDER BY \"Action\"");
        var midnight = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.FromHours(1)).ToUnixTimeMilliseconds();
        Assert.That(lines, Is.EqualTo(new[]
        {
            $"follow-up-read|2 gånger|{midnight.ToString(CultureInfo.InvariantCulture)}",
            $"reply-received|1 gång|{midnight.ToString(CultureInfo.InvariantCulture)}",
        }), "one line per kind, counting, dated to the local day's start");
        Assert.That(await host.ReadColumnAsync("SELECT CAST(\"Count\" AS TEXT) FROM \"ReporterActivity\""), Is.Empty, "the day's counts are gone once written");

        // The session of yesterday has ended; the log as a coordinator reads it, through the same use case as the page.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<Mediator.IMediator>();
            var log = await mediator.Send(new ListAuditEntriesQuery("vaktar@kommun.example", Reference: "2026-001"));
            var reporterLines = log.Items.Where(l => l.Actor == ReporterActivity.Actor).ToList();
            Assert.That(reporterLines, Has.Count.EqualTo(2));
            Assert.That(reporterLines, Has.All.Matches<AuditLine>(l => l!.DayOnly && l.At.TimeOfDay == TimeSpan.Zero), "shown with the date only");
        }

        Assert.That((await HistoryAsync(host, id)).Where(l => l.Action == "follow-up-read").Select(l => l.DayOnly), Is.EqualTo(new[] { true }), "the report's history too");
        Assert.That(await job.RunOnceAsync(CancellationToken.None), Is.Zero, "written once");
    }

    /// <summary>The report's history as the report page shows it to a coordinator (the same use case).</summary>
    private static async Task<IReadOnlyList<Reporting.Features.Reports.ReportHistoryLine>> HistoryAsync(ReportingHost host, Guid id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var details = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new Reporting.Features.Reports.OpenReportCommand("vaktar@kommun.example", id));
        return details!.History;
    }
}
