using Microsoft.EntityFrameworkCore;
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
    string Description);

/// <summary>
/// The one aggregation behind the JSON, the PDF and the inbox: counts for the quarter by every
/// categorical field and by month, the previous quarter, the same quarter last year and the last
/// eight quarters by environment, all computed after decryption (categories are encrypted).
/// Status is the status at the end of the quarter, read from the audit log, so a printed quarter
/// does not change when reports are handled later.
/// </summary>
public sealed class QuarterAggregation(ReportingDbContext db, ReportSealer sealer, OrganisationProfile organisation)
{
    public const int TrendQuarters = 8;

    public async Task<(QuarterSummary Summary, IReadOnlyList<QuarterReportLine> Reports)> BuildAsync(
        Quarter quarter, bool withReports, CancellationToken cancellationToken)
    {
        var trendQuarters = quarter.AndPrevious(TrendQuarters);
        var trend = trendQuarters.ToDictionary(q => q, _ => Zeroes(ReportCodes.Environment.Codes));
        var counts = new Counts(quarter, organisation);
        var statusAtEnd = await StatusesAtEndAsync(quarter, cancellationToken);
        var lines = new List<QuarterReportLine>();

        var first = trendQuarters[0].FirstDay;
        var last = quarter.LastDay;
        var records = db.Reports.AsNoTracking()
            .Where(r => r.ReceivedOn >= first && r.ReceivedOn <= last)
            .OrderBy(r => r.ReferenceYear).ThenBy(r => r.ReferenceNumber)
            .AsAsyncEnumerable();
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            var content = sealer.Open(record);
            var receivedIn = Quarter.Of(record.ReceivedOn);
            Count(trend[receivedIn], content.Environment);
            if (receivedIn != quarter)
            {
                continue;
            }

            var status = statusAtEnd.GetValueOrDefault(record.Id, ReportStatus.New.Code);
            counts.Add(record, content, status);
            if (withReports)
            {
                lines.Add(new QuarterReportLine(record.Reference.ToString(), record.ReceivedOn, content.OccurredOn, content.Unit, content.Kind,
                    content.Environment, content.Observations, status, content.Description));
            }
        }

        var summary = counts.ToSummary(
            trend[quarter.Previous].Values.Sum(),
            trend[quarter.SameQuarterLastYear].Values.Sum(),
            [.. trendQuarters.Select(q => new QuarterTrendPoint(q.ToString(), trend[q].Values.Sum(), trend[q]))]);
        return (summary, lines);
    }

    /// <summary>
    /// The last status change of each report before the quarter ended, from the changes stored as
    /// data (never the audit log's words); a report never changed is new.
    /// </summary>
    private async Task<Dictionary<Guid, string>> StatusesAtEndAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var end = organisation.StartOfDay(quarter.LastDay.AddDays(1));
        var changes = await db.StatusChanges.AsNoTracking()
            .Where(c => c.At < end)
            .OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new { c.ReportId, c.To })
            .ToListAsync(cancellationToken);
        var statuses = new Dictionary<Guid, string>();
        foreach (var change in changes)
        {
            statuses[change.ReportId] = change.To;
        }

        return statuses;
    }


    internal static Dictionary<string, int> Zeroes(IEnumerable<string> codes) => codes.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);

    /// <summary>A code no longer configured (a unit removed later) still counts, under its own code.</summary>
    internal static void Count(Dictionary<string, int> counts, string code) =>
        counts[code] = counts.GetValueOrDefault(code) + 1;

    /// <summary>The quarter's tallies; every code of every list is present, zero or not, so "Okänt" always shows.</summary>
    private sealed class Counts(Quarter quarter, OrganisationProfile organisation)
    {
        private readonly List<string> _months = [.. quarter.Months.Select(MonthKey)];
        private readonly Dictionary<string, int> _kind = Zeroes(ReportCodes.Kind.Codes);
        private readonly Dictionary<string, int> _environment = Zeroes(ReportCodes.Environment.Codes);
        private readonly Dictionary<string, int> _observation = Zeroes(ReportCodes.Observation.Codes);
        private readonly Dictionary<string, int> _place = Zeroes(ReportCodes.PlaceCategory.Codes);
        private readonly Dictionary<string, int> _unit = Zeroes(organisation.Units.Select(u => u.Code));
        private readonly Dictionary<string, int> _area = Zeroes(organisation.Areas.Select(a => a.Code).Append(ReportCodes.Unknown).Distinct());
        private readonly Dictionary<string, int> _age = Zeroes(ReportCodes.AgeGroup.Codes);
        private readonly Dictionary<string, int> _gender = Zeroes(ReportCodes.Gender.Codes);
        private readonly Dictionary<string, int> _people = Zeroes(ReportCodes.PeopleInvolved.Codes);
        private readonly Dictionary<string, int> _action = Zeroes(ReportCodes.ActionTaken.Codes);
        private readonly Dictionary<string, int> _status = Zeroes(ReportStatus.Codes.Codes);
        private Dictionary<string, int>? _byMonth;
        private Dictionary<string, Dictionary<string, int>>? _environmentByMonth;
        private int _total;

        private Dictionary<string, int> ByMonth => _byMonth ??= Zeroes(_months);

        private Dictionary<string, Dictionary<string, int>> EnvironmentByMonth =>
            _environmentByMonth ??= _months.ToDictionary(m => m, _ => Zeroes(ReportCodes.Environment.Codes), StringComparer.Ordinal);

        public void Add(Report record, ReportContent content, string status)
        {
            _total++;
            var month = MonthKey(record.ReceivedOn);
            Count(_kind, content.Kind);
            Count(_environment, content.Environment);
            Count(ByMonth, month);
            Count(EnvironmentByMonth[month], content.Environment);
            foreach (var observation in content.Observations)
            {
                Count(_observation, observation);
            }

            Count(_place, content.PlaceCategory);
            Count(_unit, content.Unit);
            Count(_area, content.Area);
            Count(_age, content.AgeGroup);
            Count(_gender, content.Gender);
            Count(_people, content.PeopleInvolved);
            foreach (var action in content.ActionsTaken)
            {
                Count(_action, action);
            }

            Count(_status, status);
        }

        public QuarterSummary ToSummary(int previousTotal, int sameQuarterLastYearTotal, IReadOnlyList<QuarterTrendPoint> trend) => new(
            quarter.ToString(),
            quarter.FirstDay,
            quarter.LastDay,
            _total,
            previousTotal,
            sameQuarterLastYearTotal,
            _kind,
            _environment,
            ByMonth,
            EnvironmentByMonth.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, int>)e.Value, StringComparer.Ordinal),
            _observation,
            _place,
            _unit,
            _area,
            _age,
            _gender,
            _people,
            _action,
            _status,
            trend);

        private static string MonthKey(DateOnly day) => $"{day.Year:0000}-{day.Month:00}";
    }
}
