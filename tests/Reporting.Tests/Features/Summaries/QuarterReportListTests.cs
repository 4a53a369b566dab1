using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Persistence;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Summaries;

/// <summary>
/// The internal PDF's list opens its reports a chunk at a time as the layout reaches them: every
/// row is the right report in the order received, across chunk boundaries, however often and in
/// whatever order it is asked for, and a report deleted after the snapshot says so instead of failing.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSQL")]
public sealed class QuarterReportListTests(string provider)
{
    [Test]
    public async Task EveryRowIsItsReportAcrossChunksAndADeletedOneSaysSo()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 8, 12, 9, 0, 0, TimeSpan.Zero));
        using var host = new ReportingHost(folder.Path, await ReportingHost.SettingsForAsync(provider), clock);
        var count = 2 * QuarterReportList.ChunkSize + 7;
        for (var i = 0; i < count; i++)
        {
            using var response = await host.SubmitAsync(SampleReports.Valid($"Rapport nummer {i}. Klistermärken hittades på skolgården.", occurredOn: "2026-08-10"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        await using var scope = host.Services.CreateAsyncScope();
        var (summary, lines) = await scope.ServiceProvider.GetRequiredService<QuarterAggregation>().BuildAsync(new Quarter(2026, 3), withReports: true, CancellationToken.None);
        Assert.That(lines, Is.TypeOf<QuarterReportList>(), "the list is opened as it is read, not up front");
        Assert.That(lines, Has.Count.EqualTo(count));
        Assert.That(summary.Total, Is.EqualTo(count));

        // Deleted after the snapshot, before the drawing reaches it (retention running meanwhile).
        var deleted = QuarterReportList.ChunkSize + 3;
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var deletedReference = lines[deleted].Reference;
        var victim = (await db.Reports.AsNoTracking().ToListAsync()).Single(r => r.Reference.ToString() == deletedReference);
        Assert.That(await db.Reports.Where(r => r.Id == victim.Id).ExecuteDeleteAsync(), Is.EqualTo(1));

        for (var pass = 0; pass < 2; pass++) // the layout walks the list twice: counting pages, then drawing
        {
            var index = 0;
            foreach (var line in lines)
            {
                Assert.That(line.Description, Is.EqualTo(index == deleted
                    ? QuarterReportList.DeletedMeanwhile
                    : $"Rapport nummer {index}. Klistermärken hittades på skolgården."), $"row {index}, pass {pass}");
                index++;
            }

            Assert.That(index, Is.EqualTo(count));
        }

        foreach (var index in new[] { count - 1, 0, QuarterReportList.ChunkSize, QuarterReportList.ChunkSize - 1, 2 * QuarterReportList.ChunkSize + 1 })
        {
            Assert.That(lines[index].Description, Does.StartWith($"Rapport nummer {index}."), $"row {index} asked for out of order");
            Assert.That(lines[index].OccurredOn, Is.EqualTo(new DateOnly(2026, 8, 10)));
        }

        Assert.That(() => lines[count], Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
