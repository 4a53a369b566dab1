using Microsoft.EntityFrameworkCore;
using Reporting.Features.Reports;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Benchmarks.Scale;

/// <summary>
/// The baseline: the first wave's way of answering the same requests, which opened every report it
/// might need per request (categories are encrypted, so SQL cannot filter or count them). Kept here,
/// in the benchmark only, so the same run can measure both.
/// </summary>
public sealed class DecryptEverything(ReportingDbContext db, ReportSealer sealer)
{
    /// <summary>The inbox: unfiltered, SQL pages and only the page is opened; filtered by environment, every report is opened.</summary>
    public async Task<int> InboxAsync(string? environment, int page, int pageSize = 25)
    {
        var records = db.Reports.AsNoTracking().OrderByDescending(r => r.ReferenceYear).ThenByDescending(r => r.ReferenceNumber);
        if (environment is null)
        {
            var shown = await records.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
            return shown.Select(sealer.Open).Count();
        }

        var matching = 0;
        await foreach (var record in records.AsAsyncEnumerable())
        {
            if (sealer.Open(record).Environment == environment)
            {
                matching++;
            }
        }

        return matching;
    }

    /// <summary>A period's counts by opening every report received in it (a quarter's trend reads eight quarters).</summary>
    public async Task<(int Reports, List<ReportContent> Contents)> PeriodAsync(DateOnly from, DateOnly to, bool keep)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var kept = new List<ReportContent>();
        var total = 0;
        await foreach (var record in db.Reports.AsNoTracking().Where(r => r.ReceivedOn >= from && r.ReceivedOn <= to).AsAsyncEnumerable())
        {
            var content = sealer.Open(record);
            total++;
            foreach (var code in new[] { content.Kind, content.Environment, content.Unit, content.Area, content.PlaceCategory, content.AgeGroup, content.Gender, content.PeopleInvolved }
                .Concat(content.Observations).Concat(content.ActionsTaken))
            {
                counts[code] = counts.GetValueOrDefault(code) + 1;
            }

            if (keep)
            {
                kept.Add(content);
            }
        }

        return (total, kept);
    }

    public Task<(int Reports, List<ReportContent> Contents)> QuarterAsync(Quarter quarter, bool keep) =>
        PeriodAsync(quarter.AndPrevious(QuarterAggregation.TrendQuarters)[0].FirstDay, quarter.LastDay, keep);
}
