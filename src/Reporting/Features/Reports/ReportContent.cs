namespace Reporting.Features.Reports;

/// <summary>
/// Everything a reporter wrote, with defaults applied. It only ever exists in memory or inside
/// the report's encrypted envelope (see docs/decisions/0003-what-is-encrypted.md).
/// </summary>
public sealed record ReportContent(
    string Kind,
    DateOnly OccurredOn,
    string Unit,
    string Area,
    string Environment,
    IReadOnlyList<string> Observations,
    string PlaceCategory,
    string AgeGroup,
    string Gender,
    string PeopleInvolved,
    IReadOnlyList<string> ActionsTaken,
    string Description,
    string? ReporterContact) : IClosedAnswers
{
    /// <summary>Codes from the symbol catalogue (<see cref="Symbols.SymbolCatalogue"/>); empty in reports from before symbols.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>Answers to questions declared after the first five (<see cref="ClosedQuestion.IsOther"/>); null when none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? OtherAnswers { get; init; }
}
