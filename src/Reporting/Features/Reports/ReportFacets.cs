namespace Reporting.Features.Reports;

/// <summary>
/// A report's codes and dates, never its free text: what the inbox filters on and the summaries
/// count. Sealed in an envelope of its own beside the content (same data key, its own purpose), so
/// the index (<see cref="Indexing.ReportIndex"/>) can open a hundred thousand of them at start without
/// reading a single description. The case-work fields are the coordinator's: the environment as
/// assessed after handling, and the report that stands for the same event.
/// </summary>
public sealed record ReportFacets(
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
    string Channel,
    string? AssessedEnvironment = null,
    string? LinkedTo = null) : IClosedAnswers
{
    public static ReportFacets Of(ReportContent content, string channel) => new(
        content.Kind,
        content.OccurredOn,
        content.Unit,
        content.Area,
        content.Environment,
        content.Observations,
        content.PlaceCategory,
        content.AgeGroup,
        content.Gender,
        content.PeopleInvolved,
        content.ActionsTaken,
        channel)
    {
        Symbols = content.Symbols,
        OtherAnswers = content.OtherAnswers,
    };

    /// <summary>The symbols the reporter named (catalogue codes); empty before symbols.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>Answers to questions declared after the first five (<see cref="ClosedQuestion.IsOther"/>); null when none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? OtherAnswers { get; init; }

    /// <summary>The secrecy marking ("OSL 23 kap. 2 §"), suggested from the unit and the coordinator's to change; null for none.</summary>
    public string? Secrecy { get; init; }

    /// <summary>The environment summaries count: the coordinator's assessment where there is one, else the reporter's.</summary>
    public string CountedEnvironment => AssessedEnvironment ?? Environment;

    public bool IsReassessed => AssessedEnvironment is not null && AssessedEnvironment != Environment;
}
