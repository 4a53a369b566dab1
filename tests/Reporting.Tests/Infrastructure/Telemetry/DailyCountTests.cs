using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Infrastructure.Telemetry;
using Reporting.Tests.Support;

namespace Reporting.Tests.Infrastructure.Telemetry;

/// <summary>What reporters do reaches the metrics a day late: a report counts after the local midnight, never as it arrives.</summary>
public sealed class DailyCountTests
{
    [Test]
    public async Task AReportIsCountedAfterTheLocalMidnight_NotWhenItArrives()
    {
        using var folder = new TempFolder();
        // 22:30 UTC on a November day is 23:30 in Stockholm: the local day ends in half an hour.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 22, 30, 0, TimeSpan.Zero));
        using var host = new ReportingHost(folder.Path, clock: clock);
        using var submitted = await host.SubmitAsync(SampleReports.Valid("Klistermärken vid entrén, borttagna."));
        Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var metrics = host.Services.GetRequiredService<ReportingMetrics>();

        var sameDay = metrics.Reports.BeforeToday();
        clock.Advance(TimeSpan.FromMinutes(20));
        var beforeMidnight = metrics.Reports.BeforeToday();
        clock.Advance(TimeSpan.FromMinutes(20));
        var afterMidnight = metrics.Reports.BeforeToday();

        Assert.That((sameDay, beforeMidnight, afterMidnight), Is.EqualTo((0L, 0L, 1L)));
    }
}
