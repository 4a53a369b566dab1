using Reporting.Features.Reports.Indexing;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;

namespace Reporting.Features.Summaries;

/// <summary>
/// Counts of a set of reports by every closed list, from the index's codes (no decryption). Every
/// code of every list is present, zero or not, so "Okänt" and empty categories always show; a code
/// no longer configured (a unit removed later) still counts, under its own code. The environment
/// counted is the coordinator's assessment where there is one.
/// </summary>
public sealed class ReportTally(OrganisationProfile organisation, ClosedQuestions questions)
{
    private readonly List<(ClosedQuestion Question, Dictionary<string, int> Counts)> _byQuestion =
        [.. questions.Select(q => (q, Zeroes(q.Codes.Codes)))];

    public int Total { get; private set; }

    /// <summary>Reports whose assessed environment differs from the one the reporter chose.</summary>
    public int Reassessed { get; private set; }

    public Dictionary<string, int> Kind { get; } = Zeroes(ReportCodes.Kind.Codes);

    public Dictionary<string, int> Environment { get; } = Zeroes(ReportCodes.Environment.Codes);

    public Dictionary<string, int> Observation { get; } = Zeroes(ReportCodes.Observation.Codes);

    public Dictionary<string, int> Unit { get; } = Zeroes(organisation.Units.Select(u => u.Code));

    public Dictionary<string, int> Area { get; } = Zeroes(organisation.Areas.Select(a => a.Code).Append(ReportCodes.Unknown).Distinct());

    public Dictionary<string, int> Status { get; } = Zeroes(ReportStatus.Codes.Codes);

    public Dictionary<string, int> Channel { get; } = Zeroes(ReportCodes.Channel.Codes);

    /// <summary>Counts for each optional closed question, in the form's order.</summary>
    public IReadOnlyList<QuestionCounts> ByQuestion => [.. _byQuestion.Select(q => new QuestionCounts(q.Question, q.Counts))];

    /// <summary>Reports naming each symbol of the catalogue (a report may name several).</summary>
    public Dictionary<string, int> Symbol { get; } = Zeroes(organisation.Symbols.All.Select(s => s.Code));

    /// <param name="report">The report, as the index holds it.</param>
    /// <param name="statusAtEnd">The report's status at the end of the period counted (not today's).</param>
    public void Add(IndexedReport report, string statusAtEnd)
    {
        var facets = report.Facets;
        Total++;
        if (facets.IsReassessed)
        {
            Reassessed++;
        }

        Count(Kind, facets.Kind);
        Count(Environment, facets.CountedEnvironment);
        foreach (var observation in facets.Observations)
        {
            Count(Observation, observation);
        }

        Count(Unit, facets.Unit);
        Count(Area, facets.Area);
        foreach (var (question, counts) in _byQuestion)
        {
            foreach (var code in question.Of(facets))
            {
                Count(counts, code);
            }
        }

        Count(Status, statusAtEnd);
        Count(Channel, facets.Channel);
        foreach (var symbol in facets.Symbols)
        {
            Count(Symbol, symbol);
        }
    }

    public static Dictionary<string, int> Zeroes(IEnumerable<string> codes) => codes.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);

    public static void Count(Dictionary<string, int> counts, string code) =>
        counts[code] = counts.GetValueOrDefault(code) + 1;
}

/// <summary>
/// One closed question's counts in a summary. In the summaries' JSON each question is a property of
/// its own, named by its declaration ("byPeopleInvolved"), as they were before the declarations.
/// </summary>
public sealed record QuestionCounts(ClosedQuestion Question, IReadOnlyDictionary<string, int> Counts)
{
    public static Dictionary<string, System.Text.Json.JsonElement> Json(IReadOnlyList<QuestionCounts> byQuestion) =>
        byQuestion.ToDictionary(
            q => q.Question.SummaryKey,
            q => System.Text.Json.JsonSerializer.SerializeToElement(q.Counts, Infrastructure.Serialization.ReportingJsonContext.Default.IReadOnlyDictionaryStringInt32),
            StringComparer.Ordinal);
}
