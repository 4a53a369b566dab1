using System.Net;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Audit;
using Reporting.Features.Reports;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Persistence;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Summaries;

/// <summary>
/// The status at a quarter's end is read from the status changes stored as data, never from the
/// audit log's words: rewording (or planting) an audit line changes no statistic.
/// </summary>
[TestFixture]
public sealed class StatusAtQuarterEndTests
{
    [Test]
    public async Task TheStatisticsReadTheChangesNotTheAuditLinesWords()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 8, 10, 9, 0, 0, TimeSpan.Zero));
        using var host = new ReportingHost(folder.Path, clock: clock);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var response = await host.SubmitAsync(SampleReports.Valid(occurredOn: "2026-08-01"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        ids.AddRange((await host.ReadColumnAsync("SELECT Id FROM Reports ORDER BY ReferenceNumber")).Select(Guid.Parse));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            await mediator.Send(new UpdateReportCommand("samordnare@kommun.example", ids[0], "closed", null, null));
            await mediator.Send(new UpdateReportCommand("samordnare@kommun.example", ids[1], "forwarded", ["police"], null));

            // An audit line worded as the first wave wrote it, claiming the third report was closed: an
            // entry nobody made through the service. It must change nothing.
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            db.AuditLog.Add(new AuditEntry { At = clock.GetUtcNow().ToUnixTimeMilliseconds(), Actor = "test", Action = "status-changed", ReportId = ids[2], Detail = "new → closed" });
            await db.SaveChangesAsync();
        }

        var audit = await host.ReadColumnAsync("SELECT Detail FROM AuditLog WHERE Action = 'status-changed' AND Actor <> 'test' ORDER BY Id");
        Assert.That(audit, Is.EqualTo(new[] { "Ny → Avslutad", "Ny → Vidarebefordrad" }), "the audit log speaks Swedish to people");

        clock.SetUtcNow(new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero));
        await using var reading = host.Services.CreateAsyncScope();
        var summary = await reading.ServiceProvider.GetRequiredService<IMediator>().Send(new BuildQuarterSummaryQuery("test", new Quarter(2026, 3)));

        Assert.That(summary.ByStatus["closed"], Is.EqualTo(1));
        Assert.That(summary.ByStatus["forwarded"], Is.EqualTo(1));
        Assert.That(summary.ByStatus["new"], Is.EqualTo(1), "the planted audit line changed nothing");
        Assert.That(JsonSerializer.Serialize(summary.ByStatus.Keys), Is.EqualTo(JsonSerializer.Serialize(ReportStatus.All.Select(s => s.Code))));
    }
}
