using Reporting.Features.Reports;

namespace Reporting.Features.Surveys;

/// <summary>
/// The survey's fixed questions (from the action plan's needs), as closed lists: codes for the API,
/// Swedish labels for people. The unit is one of the organisation's units; the kinds of observation
/// are the staff form's.
/// </summary>
public static class SurveyQuestions
{
    /// <summary>The environments asked about, in the plan's order, with the form's codes.</summary>
    public static readonly IReadOnlyList<string> Environments = ["white-power", "autonomous", "islamist"];

    public static readonly CodeList Frequency = new("observed",
        ("never", "Aldrig"),
        ("once", "En gång"),
        ("several", "Några gånger"),
        ("often", "Ofta"));

    public static readonly CodeList KnowsWhereToTurn = new("knowsWhereToTurn",
        ("yes", "Ja"),
        ("no", "Nej"),
        ("unsure", "Osäker"));

    public static readonly CodeList Trained = new("trained",
        ("yes", "Ja"),
        ("no", "Nej"));

    public static CodeList Observations => ReportCodes.Observation;

    public const int CommentMaxLength = 2_000;
}

/// <summary>One answer as sealed: the codes chosen and the checked comment.</summary>
public sealed record SurveyAnswerContent(
    string Unit,
    IReadOnlyDictionary<string, string> Observed,
    IReadOnlyList<string> Observations,
    string KnowsWhereToTurn,
    string Trained,
    string? Comment);
