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
        foreach (var error in RetentionClassOptions.Check(Classes, $"{SectionName}:{nameof(Classes)}"))
        {
            yield return error;
        }

        if (DeleteClosedReportsAfterMonths is not null && Classes.Any(c => c.Records == RetentionClasses.Reports))
        {
            yield return new ValidationResult(
                "Retention:DeleteClosedReportsAfterMonths and Retention:Classes both set the class reports; keep the one in Retention:Classes.", [nameof(DeleteClosedReportsAfterMonths)]);
        }
    }
}

/// <summary>One class's rule in configuration: <c>Retention:Classes:N</c>, or an administration's own (<c>Administrations:N:Retention:M</c>).</summary>
public sealed class RetentionClassOptions
{
    public string? Records { get; set; }

    public int Months { get; set; }

    public string? Decision { get; set; }

    /// <summary>A list of rules checked, each error naming its key (<paramref name="key"/>:N:…).</summary>
    public static IEnumerable<ValidationResult> Check(IReadOnlyList<RetentionClassOptions> rules, string key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule.Records is null || !RetentionClasses.All.Contains(rule.Records))
            {
                yield return new ValidationResult($"{key}:{i}:Records '{rule.Records}' is not one of {string.Join(", ", RetentionClasses.All)}.", [key]);
            }
            else if (!seen.Add(rule.Records))
            {
                yield return new ValidationResult($"{key}:{i}:Records repeats '{rule.Records}'.", [key]);
            }

            if (rule.Months is < 1 or > 1200)
            {
                yield return new ValidationResult($"{key}:{i}:Months must be between 1 and 1200.", [key]);
            }

            if (string.IsNullOrWhiteSpace(rule.Decision) || rule.Decision.Length > 300)
            {
                yield return new ValidationResult(
                    $"{key}:{i}:Decision must name the gallringsbeslut the class is deleted under (1 to 300 characters); without one nothing of the class is deleted.",
                    [key]);
            }
        }
    }

    public RetentionRule ToRule() => new(Records!, Months, Decision!.Trim());
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

    public static int Order(string records) => All.ToList().IndexOf(records);

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

/// <summary>
/// The rules in force for each administration, in the run's order: the deployment's classes
/// (<c>Retention:Classes</c>, and the deprecated setting as the class reports), each replaced by the
/// administration's own rule for the same class (<c>Administrations:N:Retention</c>), since every
/// förvaltning's nämnd takes its own gallringsbeslut.
/// </summary>
public sealed class RetentionPlan
{
    public const string DeprecatedDecision = "Inget gallringsbeslut angivet (Retention:DeleteClosedReportsAfterMonths; ange Retention:Classes)";

    private readonly Dictionary<string, IReadOnlyList<RetentionRule>> _byAdministration;

    public RetentionPlan(
        Microsoft.Extensions.Options.IOptions<RetentionOptions> options,
        Microsoft.Extensions.Options.IOptions<Administrations.AdministrationList> administrations,
        Administrations.AdministrationCatalogue catalogue)
    {
        UsesDeprecatedSetting = options.Value.DeleteClosedReportsAfterMonths is not null;
        IReadOnlyList<RetentionRule> deploymentWide =
        [
            .. options.Value.Classes.Select(c => c.ToRule())
                .Concat(options.Value.DeleteClosedReportsAfterMonths is { } months ? [new RetentionRule(RetentionClasses.Reports, months, DeprecatedDecision)] : []),
        ];
        _byAdministration = catalogue.All.ToDictionary(
            a => a.Code,
            a =>
            {
                var own = administrations.Value.Items.FirstOrDefault(i => i.Code == a.Code)?.Retention.Select(c => c.ToRule()).ToList() ?? [];
                return (IReadOnlyList<RetentionRule>)[.. deploymentWide.Where(r => own.All(o => o.Records != r.Records)).Concat(own).OrderBy(r => RetentionClasses.Order(r.Records))];
            },
            StringComparer.Ordinal);
        ByAdministration = [.. catalogue.All.Select(a => (a, _byAdministration[a.Code]))];
    }

    /// <summary>Every administration with its rules, in the catalogue's order (one with none keeps everything).</summary>
    public IReadOnlyList<(Administrations.Administration Administration, IReadOnlyList<RetentionRule> Rules)> ByAdministration { get; }

    public IReadOnlyList<RetentionRule> For(Administrations.Administration administration) =>
        _byAdministration.TryGetValue(administration.Code, out var rules) ? rules : [];

    public bool IsOn => _byAdministration.Values.Any(r => r.Count > 0);

    public bool UsesDeprecatedSetting { get; }
}
