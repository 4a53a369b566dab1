using System.ComponentModel.DataAnnotations;

namespace Reporting.Features.Retention;

/// <summary>
/// Gallring per record class (<c>Retention:Classes</c>): each class is deleted only under a
/// gallringsbeslut named here, this many months after the start its class counts from. A class not
/// listed is kept. Off until configured, because deleting public records needs a decision under the
/// municipality's document management plan. <see cref="DeleteClosedReportsAfterMonths"/> is the first
/// wave's single setting, still read as the class <c>reports</c> (deprecated).
/// </summary>
public sealed class RetentionOptions : IValidatableObject
{
    public const string SectionName = "Retention";

    /// <summary>Deprecated: the class <c>reports</c> without a named decision. Use <see cref="Classes"/>.</summary>
    [Range(1, 1200, ErrorMessage = "Retention:DeleteClosedReportsAfterMonths must be between 1 and 1200 months, or empty (off).")]
    public int? DeleteClosedReportsAfterMonths { get; set; }

    public List<RetentionClassOptions> Classes { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Classes.Count; i++)
        {
            var rule = Classes[i];
            if (rule.Records is null || !RetentionClasses.All.Contains(rule.Records))
            {
                yield return new ValidationResult($"Retention:Classes:{i}:Records '{rule.Records}' is not one of {string.Join(", ", RetentionClasses.All)}.", [nameof(Classes)]);
            }
            else if (!seen.Add(rule.Records))
            {
                yield return new ValidationResult($"Retention:Classes:{i}:Records repeats '{rule.Records}'.", [nameof(Classes)]);
            }

            if (rule.Months is < 1 or > 1200)
            {
                yield return new ValidationResult($"Retention:Classes:{i}:Months must be between 1 and 1200.", [nameof(Classes)]);
            }

            if (string.IsNullOrWhiteSpace(rule.Decision) || rule.Decision.Length > 300)
            {
                yield return new ValidationResult(
                    $"Retention:Classes:{i}:Decision must name the gallringsbeslut the class is deleted under (1 to 300 characters); without one nothing of the class is deleted.",
                    [nameof(Classes)]);
            }
        }

        if (DeleteClosedReportsAfterMonths is not null && seen.Contains(RetentionClasses.Reports))
        {
            yield return new ValidationResult(
                "Retention:DeleteClosedReportsAfterMonths and Retention:Classes both set the class reports; keep the one in Retention:Classes.", [nameof(DeleteClosedReportsAfterMonths)]);
        }
    }
}

public sealed class RetentionClassOptions
{
    public string? Records { get; set; }

    public int Months { get; set; }

    public string? Decision { get; set; }
}

/// <summary>
/// The record classes and what their months count from: a closed report's parts from the day it was
/// closed (a case is not taken apart while it is open), survey answers from the survey's closing day,
/// audit lines from their own day.
/// </summary>
public static class RetentionClasses
{
    public const string Reports = "reports";
    public const string Messages = "messages";
    public const string Notes = "notes";
    public const string Photos = "photos";
    public const string SurveyAnswers = "survey-answers";
    public const string Audit = "audit";

    /// <summary>In the order a run applies them: a report's parts before reports, so each class counts what it deletes itself.</summary>
    public static IReadOnlyList<string> All { get; } = [Messages, Notes, Photos, Reports, SurveyAnswers, Audit];

    public static string Label(string records) => records switch
    {
        Reports => "rapporter",
        Messages => "meddelanden",
        Notes => "anteckningar",
        Photos => "foton",
        SurveyAnswers => "enkätsvar",
        Audit => "loggrader",
        _ => records,
    };
}

/// <summary>One class's rule as applied.</summary>
public sealed record RetentionRule(string Records, int Months, string Decision);

/// <summary>The rules in force: the configured classes in the run's order, and the deprecated setting as the class reports.</summary>
public sealed class RetentionPlan(Microsoft.Extensions.Options.IOptions<RetentionOptions> options)
{
    public const string DeprecatedDecision = "Inget gallringsbeslut angivet (Retention:DeleteClosedReportsAfterMonths; ange Retention:Classes)";

    public IReadOnlyList<RetentionRule> Rules { get; } =
    [
        .. options.Value.Classes.Select(c => new RetentionRule(c.Records!, c.Months, c.Decision!.Trim()))
            .Concat(options.Value.DeleteClosedReportsAfterMonths is { } months ? [new RetentionRule(RetentionClasses.Reports, months, DeprecatedDecision)] : [])
            .OrderBy(r => RetentionClasses.All.ToList().IndexOf(r.Records)),
    ];

    public bool IsOn => Rules.Count > 0;

    public bool UsesDeprecatedSetting => options.Value.DeleteClosedReportsAfterMonths is not null;
}
