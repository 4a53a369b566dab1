namespace Reporting.Features.Reports;

/// <summary>How the form asks a closed question.</summary>
public enum QuestionControl
{
    /// <summary>One code, as radio buttons in a row.</summary>
    Choices,

    /// <summary>One code, from a drop-down list (a long list).</summary>
    DropDown,

    /// <summary>Any number of codes, as checkboxes.</summary>
    Checkboxes,
}

/// <summary>
/// One of the form's optional closed questions about what happened (where, who, how many, what was
/// done so far): its codes with their Swedish and English labels in order, how the form asks it,
/// and what the summaries call it. Validation, the form, the report page, the index and its copy,
/// the summaries (JSON, PDF, spreadsheet) and the redacted copy all read these declarations
/// (<see cref="ClosedQuestions"/>), so a new question is a declaration and nothing else
/// (README, "Adding a closed question").
/// </summary>
public sealed class ClosedQuestion
{
    private readonly IReadOnlyDictionary<string, string> _english;
    private readonly string? _summaryNote;

    /// <param name="codes">The codes and their Swedish labels, in the order shown.</param>
    /// <param name="english">The English label of every code (the staff form's English version).</param>
    public ClosedQuestion(CodeList codes, IReadOnlyDictionary<string, string> english)
    {
        var missing = codes.Codes.Where(code => !english.ContainsKey(code)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"The question {codes.Field} has no English label for {string.Join(", ", missing)}.", nameof(english));
        }

        Codes = codes;
        _english = english;
    }

    /// <summary>The JSON property and the form control's name.</summary>
    public string Name => Codes.Field;

    public CodeList Codes { get; }

    public required QuestionControl Control { get; init; }

    /// <summary>The form's question, Swedish and English.</summary>
    public required string Question { get; init; }

    public required string EnglishQuestion { get; init; }

    /// <summary>The drop-down's first, empty choice ("Välj plats (frivilligt)"), Swedish and English.</summary>
    public string? Prompt { get; init; }

    public string? EnglishPrompt { get; init; }

    /// <summary>The row on the report page and in the redacted copy, and a summary's section heading.</summary>
    public required string Heading { get; init; }

    /// <summary>A summary table's column and a spreadsheet's sheet.</summary>
    public required string Column { get; init; }

    /// <summary>A code that cannot be chosen with others ("none"), and what the reporter is told when it is.</summary>
    public (string Code, string Message)? Exclusive { get; init; }

    /// <summary>The summaries' JSON property for the counts ("byPeopleInvolved").</summary>
    public string SummaryKey { get; init; } = string.Empty;

    /// <summary>
    /// Where the answer stands in the report's sealed envelopes and in the API's JSON: the questions
    /// from before the declarations are properties of their own (their JSON is fixed by the contract
    /// and by every envelope already sealed); any question declared since is kept by name in
    /// <see cref="IClosedAnswers.OtherAnswers"/> and is a JSON property through <see cref="ClosedQuestions.Json{T}"/>.
    /// </summary>
    internal Func<IClosedAnswers, IReadOnlyList<string>>? OwnProperty { get; init; }

    internal Func<IPostedAnswers, IReadOnlyList<string?>?>? OwnPostedProperty { get; init; }

    /// <summary>Declared after the first five: kept in <see cref="IClosedAnswers.OtherAnswers"/>.</summary>
    public bool IsOther => OwnProperty is null;

    public bool IsSet => Control == QuestionControl.Checkboxes;

    /// <summary>The summaries' note under the table; a set's counts add up to more than the reports, and the default note says so.</summary>
    public string? SummaryNote
    {
        get => _summaryNote ?? (IsSet ? $"En rapport kan ange flera svar på frågan \"{Question}\", så summan kan vara större än antalet rapporter." : null);
        init => _summaryNote = value;
    }

    /// <summary>What an unanswered question is stored as: "unknown" for one code, nothing for a set.</summary>
    public IReadOnlyList<string> Unanswered => IsSet ? [] : [ReportCodes.Unknown];

    /// <summary>The codes a stored report holds for this question (one for a single choice).</summary>
    public IReadOnlyList<string> Of(IClosedAnswers answers) =>
        OwnProperty?.Invoke(answers) ?? answers.OtherAnswers?.GetValueOrDefault(Name) ?? Unanswered;

    /// <summary>The codes as posted, before validation (null when the question was not answered).</summary>
    public IReadOnlyList<string?>? Posted(IPostedAnswers posted) =>
        OwnPostedProperty is { } own ? own(posted) : posted.OtherAnswers.GetValueOrDefault(Name);

    public string Label(string code) => Codes.Label(code);

    public string Label(string code, bool english) => english && _english.TryGetValue(code, out var label) ? label : Codes.Label(code);

    /// <summary>The stored answer in words, for the report page and the redacted copy.</summary>
    public string Describe(IClosedAnswers answers) => Of(answers) is { Count: > 0 } codes ? string.Join(", ", codes.Select(Label)) : "–";
}

/// <summary>A stored report's answers (its content, or its facets in the index).</summary>
public interface IClosedAnswers
{
    string PlaceCategory { get; }

    string AgeGroup { get; }

    string Gender { get; }

    string PeopleInvolved { get; }

    IReadOnlyList<string> ActionsTaken { get; }

    /// <summary>Answers to questions declared after the first five, by question; null when there are none.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<string>>? OtherAnswers { get; }
}

/// <summary>A posted report's answers (the JSON request or the form), not yet validated.</summary>
public interface IPostedAnswers
{
    string? PlaceCategory { get; }

    string? AgeGroup { get; }

    string? Gender { get; }

    string? PeopleInvolved { get; }

    IReadOnlyList<string?>? ActionsTaken { get; }

    /// <summary>Answers to questions declared after the first five, filled by the JSON reader or the form.</summary>
    Dictionary<string, IReadOnlyList<string?>?> OtherAnswers { get; }
}
