using System.ComponentModel.DataAnnotations;

namespace Reporting.Features.Retention;

/// <summary>
/// Gallring: off until configured, because deleting public records needs a decision under the
/// municipality's document management plan.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Closed reports are deleted this many months after the day they were closed; empty = never.</summary>
    [Range(1, 1200, ErrorMessage = "Retention:DeleteClosedReportsAfterMonths must be between 1 and 1200 months, or empty (off).")]
    public int? DeleteClosedReportsAfterMonths { get; set; }
}
