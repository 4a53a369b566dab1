using Mediator;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Summaries;

/// <summary>
/// The quarter's counts (see <see cref="QuarterAggregation"/>); the source for <c>summary --format json</c>
/// and the summaries page. Reading them is audited like a PDF export: they are figures about reports.
/// </summary>
public sealed record BuildQuarterSummaryQuery(string Actor, Quarter Quarter) : IQuery<QuarterSummary>;

/// <summary>
/// Counts for one quarter. Every code of every list is present, zero or not, so that "Okänt"
/// and empty categories always show. <see cref="ByStatus"/> is the status at the end of the quarter.
/// <see cref="ByEnvironment"/> counts the coordinator's assessment where there is one;
/// <see cref="Reassessed"/> says how many were assessed differently from the report, and
/// <see cref="Events"/> how many events the reports stand for (linked reports count once).
/// </summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip)]
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
    IReadOnlyDictionary<string, int> ByUnit,
    IReadOnlyDictionary<string, int> ByArea,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyList<QuarterTrendPoint> Trend,
    IReadOnlyDictionary<string, int> ByChannel,
    int Events,
    int Reassessed)
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

/// <summary>One of the last eight quarters (oldest first, ending with the summary's own quarter).</summary>
public sealed record QuarterTrendPoint(string Quarter, int Total, IReadOnlyDictionary<string, int> ByEnvironment);

public sealed class BuildQuarterSummaryHandler(QuarterAggregation aggregation, ReportingDbContext db, AuditLog audit)
    : IQueryHandler<BuildQuarterSummaryQuery, QuarterSummary>
{
    public async ValueTask<QuarterSummary> Handle(BuildQuarterSummaryQuery query, CancellationToken cancellationToken)
    {
        var summary = (await aggregation.BuildAsync(query.Quarter, withReports: false, cancellationToken)).Summary;
        await audit.AppendNowAsync(db, query.Actor, AuditActions.SummaryViewed, detail: $"{query.Quarter} nyckeltal, {summary.Total} rapporter", cancellationToken: cancellationToken);
        return summary;
    }
}
