using System.ComponentModel.DataAnnotations;

namespace Reporting.Features.Summaries;

public sealed class SummariesOptions
{
    public const string SectionName = "Summaries";

    /// <summary>In the shareable PDF, counts from 1 to this minus one are printed as "&lt;N" (1 switches suppression off).</summary>
    [Range(1, 100, ErrorMessage = "Summaries:SuppressBelow must be a whole number from 1 to 100.")]
    public int SuppressBelow { get; set; } = 3;
}
