using Reporting.Features.Reports.Indexing;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence;
using Reporting.Features.Organisation;

namespace Reporting.Features.Summaries;

/// <summary>One report as the internal PDF lists it (only ever in memory).</summary>
public sealed record QuarterReportLine(
    string Reference,
    DateOnly ReceivedOn,
    DateOnly OccurredOn,
    string Unit,
    string Kind,
    string Environment,
    IReadOnlyList<string> Observations,
    string Status,
    string Description,
    int Photos = 0,
    string? Secrecy = null);

/// <summary>
/// The one aggregation behind the JSON, the PDF and the summaries page: counts for the quarter by
/// every closed list and by month, the previous quarter, the same quarter last year and the last
/// eight quarters by environment, all from the index of codes (ADR 9). Only the internal PDF's
/// list of reports decrypts anything, and only the quarter's own reports, a chunk at a time
/// (<see cref="QuarterReportList"/>). Status is the status at the end of the quarter
/// (<see cref="StatusAtPeriodEnd"/>).
/// </summary>
public sealed class QuarterAggregation(ScopedReportIndex index, ReportingDbContext db, ReportSealer sealer, OrganisationProfile organisation, ClosedQuestions questions)
{
    public const int TrendQuarters = 8;

    public async Task<(QuarterSummary Summary, IReadOnlyList<QuarterReportLine> Reports)> BuildAsync(
        Quarter quarter, bool withReports, CancellationToken cancellationToken)
    {
        var snapshot = await index.CurrentAsync(cancellationToken);
        var trendQuarters = quarter.AndPrevious(TrendQuarters);
        var trend = trendQuarters.ToDictionary(q => q, _ => ReportTally.Zeroes(ReportCodes.Environment.Codes));
        foreach (var report in snapshot.ReceivedBetween(trendQuarters[0].FirstDay, quarter.LastDay))
        {
            ReportTally.Count(trend[Quarter.Of(report.ReceivedOn)], report.Facets.CountedEnvironment);
        }

        var reports = snapshot.ReceivedBetween(quarter.FirstDay, quarter.LastDay).ToList();
        var statusAtEnd = await StatusAtPeriodEnd.ReadAsync(db, organisation, quarter.LastDay, cancellationToken);
        var tally = new ReportTally(organisation, questions);
        var months = new MonthCounts(quarter);
        foreach (var report in reports)
        {
            tally.Add(report, statusAtEnd.Of(report));
            months.Add(report);
        }

        var summary = new QuarterSummary(
            quarter.ToString(),
            quarter.FirstDay,
            quarter.LastDay,
            tally.Total,
            trend[quarter.Previous].Values.Sum(),
            trend[quarter.SameQuarterLastYear].Values.Sum(),
            tally.Kind,
            tally.Environment,
            months.Total,
            months.EnvironmentByMonth,
            tally.Observation,
            tally.Unit,
            tally.Area,
            tally.Status,
            [.. trendQuarters.Select(q => new QuarterTrendPoint(q.ToString(), trend[q].Values.Sum(), trend[q]))],
            tally.Channel,
            snapshot.CountEvents(reports),
            tally.Reassessed)
        {
            BySymbol = tally.Symbol,
            ByQuestion = tally.ByQuestion,
        };
        // The internal PDF's list, the only part that is decrypted, and only as the layout reaches its rows.
        return (summary, withReports ? new QuarterReportList(reports, statusAtEnd, db, sealer) : []);
    }

    /// <summary>The quarter's reports by month of receipt, in total and by environment.</summary>
    private sealed class MonthCounts(Quarter quarter)
    {
        private readonly Dictionary<string, Dictionary<string, int>> _byEnvironment =
            quarter.Months.ToDictionary(MonthKey, _ => ReportTally.Zeroes(ReportCodes.Environment.Codes), StringComparer.Ordinal);

        public Dictionary<string, int> Total { get; } = ReportTally.Zeroes(quarter.Months.Select(MonthKey));

        public Dictionary<string, IReadOnlyDictionary<string, int>> EnvironmentByMonth =>
            _byEnvironment.ToDictionary(m => m.Key, m => (IReadOnlyDictionary<string, int>)m.Value, StringComparer.Ordinal);

        public void Add(IndexedReport report)
        {
            var month = MonthKey(report.ReceivedOn);
            ReportTally.Count(Total, month);
            ReportTally.Count(_byEnvironment[month], report.Facets.CountedEnvironment);
        }

        private static string MonthKey(DateOnly day) => $"{day.Year:0000}-{day.Month:00}";
    }
}
