using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Summaries;

/// <summary>The quarter's counts, computed after decrypting each report; the source for the JSON, the PDF and the inbox.</summary>
public sealed record BuildQuarterSummaryQuery(Quarter Quarter) : IQuery<QuarterSummary>;

/// <summary>
/// Counts for one quarter. Every code of every list is present, zero or not, so that "Okänt"
/// and empty categories always show.
/// </summary>
public sealed record QuarterSummary(
    string Quarter,
    DateOnly From,
    DateOnly To,
    int Total,
    int PreviousQuarterTotal,
    int SameQuarterLastYearTotal,
    IReadOnlyDictionary<string, int> ByKind,
    IReadOnlyDictionary<string, int> ByEnvironment,
    IReadOnlyDictionary<string, int> ByMonth,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> EnvironmentByMonth,
    IReadOnlyDictionary<string, int> ByObservation,
    IReadOnlyDictionary<string, int> ByPlaceCategory,
    IReadOnlyDictionary<string, int> ByUnit,
    IReadOnlyDictionary<string, int> ByArea,
    IReadOnlyDictionary<string, int> ByAgeGroup,
    IReadOnlyDictionary<string, int> ByGender,
    IReadOnlyDictionary<string, int> ByPeopleInvolved,
    IReadOnlyDictionary<string, int> ByActionTaken,
    IReadOnlyDictionary<string, int> ByStatus);

public sealed class BuildQuarterSummaryHandler(
    ReportingDbContext db,
    ReportSealer sealer,
    Organisation.Organisation organisation) : IQueryHandler<BuildQuarterSummaryQuery, QuarterSummary>
{
    public async ValueTask<QuarterSummary> Handle(BuildQuarterSummaryQuery query, CancellationToken cancellationToken)
    {
        var quarter = query.Quarter;
        var byKind = Zeroes(ReportCodes.Kind.Codes);
        var byEnvironment = Zeroes(ReportCodes.Environment.Codes);
        var months = quarter.Months.Select(MonthKey).ToList();
        var byMonth = Zeroes(months);
        var environmentByMonth = months.ToDictionary(m => m, _ => Zeroes(ReportCodes.Environment.Codes), StringComparer.Ordinal);
        var byObservation = Zeroes(ReportCodes.Observation.Codes);
        var byPlace = Zeroes(ReportCodes.PlaceCategory.Codes);
        var byUnit = Zeroes(organisation.Units.Select(u => u.Code));
        var byArea = Zeroes(organisation.Areas.Select(a => a.Code).Append(ReportCodes.Unknown).Distinct());
        var byAge = Zeroes(ReportCodes.AgeGroup.Codes);
        var byGender = Zeroes(ReportCodes.Gender.Codes);
        var byPeople = Zeroes(ReportCodes.PeopleInvolved.Codes);
        var byAction = Zeroes(ReportCodes.ActionTaken.Codes);
        var byStatus = Zeroes(ReportCodes.Status.Codes);

        var total = 0;
        var records = db.Reports.AsNoTracking()
            .Where(r => r.ReceivedOn >= quarter.FirstDay && r.ReceivedOn <= quarter.LastDay)
            .AsAsyncEnumerable();
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            var content = sealer.Open(record);
            total++;
            var month = MonthKey(record.ReceivedOn);
            Count(byKind, content.Kind);
            Count(byEnvironment, content.Environment);
            Count(byMonth, month);
            Count(environmentByMonth[month], content.Environment);
            foreach (var observation in content.Observations)
            {
                Count(byObservation, observation);
            }

            Count(byPlace, content.PlaceCategory);
            Count(byUnit, content.Unit);
            Count(byArea, content.Area);
            Count(byAge, content.AgeGroup);
            Count(byGender, content.Gender);
            Count(byPeople, content.PeopleInvolved);
            foreach (var action in content.ActionsTaken)
            {
                Count(byAction, action);
            }

            Count(byStatus, record.Status);
        }

        return new QuarterSummary(
            quarter.ToString(),
            quarter.FirstDay,
            quarter.LastDay,
            total,
            await CountReceivedAsync(quarter.Previous, cancellationToken),
            await CountReceivedAsync(quarter.SameQuarterLastYear, cancellationToken),
            byKind,
            byEnvironment,
            byMonth,
            environmentByMonth.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, int>)e.Value, StringComparer.Ordinal),
            byObservation,
            byPlace,
            byUnit,
            byArea,
            byAge,
            byGender,
            byPeople,
            byAction,
            byStatus);
    }

    private Task<int> CountReceivedAsync(Quarter quarter, CancellationToken cancellationToken) =>
        db.Reports.CountAsync(r => r.ReceivedOn >= quarter.FirstDay && r.ReceivedOn <= quarter.LastDay, cancellationToken);

    private static string MonthKey(DateOnly day) => $"{day.Year:0000}-{day.Month:00}";

    private static Dictionary<string, int> Zeroes(IEnumerable<string> codes) => codes.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);

    /// <summary>A code no longer configured (a unit removed later) still counts, under its own code.</summary>
    private static void Count(Dictionary<string, int> counts, string code) =>
        counts[code] = counts.GetValueOrDefault(code) + 1;
}
