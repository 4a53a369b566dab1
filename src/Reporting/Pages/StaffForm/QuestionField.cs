using Reporting.Features.Reports;

namespace Reporting.Pages.StaffForm;

/// <summary>One optional closed question on a report form (<c>_ClosedQuestion</c>): its codes as posted, its errors.</summary>
public sealed record QuestionField(ClosedQuestion Question, IReadOnlyList<string> Chosen, FormText Text, Dictionary<string, string> Errors)
{
    public bool IsChosen(string code) => Chosen.Contains(code, StringComparer.Ordinal);

    public string Label(string code) => Question.Label(code, Text.IsEnglish);

    public string Legend => Text.IsEnglish ? Question.EnglishQuestion : Question.Question;

    public string? Prompt => Text.IsEnglish ? Question.EnglishPrompt : Question.Prompt;

    public string FieldClass => Errors.ContainsKey(Question.Name) ? "field field--error" : "field";
}
