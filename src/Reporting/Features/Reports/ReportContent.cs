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
    string? ReporterContact)
{
    /// <summary>Codes from the symbol catalogue (<see cref="Symbols.SymbolCatalogue"/>); empty in reports from before symbols.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];
}
