using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Features.Reports.Indexing;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Summaries;

/// <summary>
/// The year's counts for the yearly summary and the situation picture: by quarter and by every
/// closed list, events as well as reports, and last year's total, all from the index of codes
/// (ADR 9). Status is the status at the end of the year.
/// </summary>
public sealed class YearAggregation(ScopedReportIndex index, ReportingDbContext db, OrganisationProfile organisation, ClosedQuestions questions)
{
    /// <summary>The trend covers this year and the four before it.</summary>
    public const int TrendYears = 5;

    public async Task<YearSummary> BuildAsync(int year, CancellationToken cancellationToken)
    {
        var snapshot = await index.CurrentAsync(cancellationToken);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var trendYears = Enumerable.Range(year - TrendYears + 1, TrendYears).ToList();
        var trend = trendYears.ToDictionary(y => y, _ => ReportTally.Zeroes(ReportCodes.Environment.Codes));
        foreach (var report in snapshot.ReceivedBetween(new DateOnly(trendYears[0], 1, 1), last))
        {
            ReportTally.Count(trend[report.ReceivedOn.Year], report.Facets.CountedEnvironment);
        }

        var reports = snapshot.ReceivedBetween(first, last).ToList();
        var statusAtEnd = await StatusAtPeriodEnd.ReadAsync(db, organisation, last, cancellationToken);
        var quarters = Enumerable.Range(1, 4).Select(n => new Quarter(year, n).ToString()).ToList();
        var byQuarter = ReportTally.Zeroes(quarters);
        var environmentByQuarter = quarters.ToDictionary(q => q, _ => ReportTally.Zeroes(ReportCodes.Environment.Codes), StringComparer.Ordinal);
        var byMonth = ReportTally.Zeroes(Enumerable.Range(1, 12).Select(m => MonthKey(year, m)));
        var tally = new ReportTally(organisation, questions);
        foreach (var report in reports)
        {
            var quarter = Quarter.Of(report.ReceivedOn).ToString();
            tally.Add(report, statusAtEnd.Of(report));
            ReportTally.Count(byQuarter, quarter);
            ReportTally.Count(byMonth, MonthKey(year, report.ReceivedOn.Month));
            ReportTally.Count(environmentByQuarter[quarter], report.Facets.CountedEnvironment);
        }

        return new YearSummary(
            year,
            first,
            last,
            tally.Total,
            trend[year - 1].Values.Sum(),
            snapshot.CountEvents(reports),
            tally.Reassessed,
            byQuarter,
            byMonth,
            environmentByQuarter.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, int>)e.Value, StringComparer.Ordinal),
            tally.Kind,
            tally.Environment,
            tally.Channel,
            tally.Observation,
            tally.Unit,
            tally.Area,
            tally.Status,
            trend[year - 1],
            [.. trendYears.Select(y => new YearTrendPoint(y, trend[y].Values.Sum(), trend[y]))])
        {
            BySymbol = tally.Symbol,
            ByQuestion = tally.ByQuestion,
        };
    }

    private static string MonthKey(int year, int month) => $"{year:0000}-{month:00}";
}

/// <summary>
/// Counts for one year. Every code of every list is present, zero or not. <see cref="ByEnvironment"/>
/// counts the coordinator's assessment where there is one (<see cref="Reassessed"/> says how many
/// differ from the report); <see cref="Events"/> counts linked reports once; <see cref="ByStatus"/>
/// is the status at the end of the year. <see cref="PreviousYearByEnvironment"/> and <see cref="Trend"/>
/// (five years, oldest first, ending with this one) give the year-over-year comparison by environment.
/// </summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip)]
public sealed record YearSummary(
    int Year,
    DateOnly From,
    DateOnly To,
    int Total,
    int PreviousYearTotal,
    int Events,
    int Reassessed,
    IReadOnlyDictionary<string, int> ByQuarter,
    IReadOnlyDictionary<string, int> ByMonth,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> EnvironmentByQuarter,
    IReadOnlyDictionary<string, int> ByKind,
    IReadOnlyDictionary<string, int> ByEnvironment,
    IReadOnlyDictionary<string, int> ByChannel,
    IReadOnlyDictionary<string, int> ByObservation,
    IReadOnlyDictionary<string, int> ByUnit,
    IReadOnlyDictionary<string, int> ByArea,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> PreviousYearByEnvironment,
    IReadOnlyList<YearTrendPoint> Trend)
{
    /// <summary>Reports naming each symbol of the catalogue.</summary>
    public IReadOnlyDictionary<string, int> BySymbol { get; init; } = new Dictionary<string, int>();

    /// <summary>Counts for each optional closed question, in the form's order.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<QuestionCounts> ByQuestion { get; init; } = [];

    /// <summary>The questions' counts in JSON, a property each ("byPeopleInvolved").</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement> ByQuestionJson => QuestionCounts.Json(ByQuestion);
}

/// <summary>One of the five years of the trend.</summary>
public sealed record YearTrendPoint(int Year, int Total, IReadOnlyDictionary<string, int> ByEnvironment);
