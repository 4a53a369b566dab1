using System.ComponentModel.DataAnnotations;

namespace Reporting.Features.Records;

/// <summary>
/// <c>Records:*</c>: the public-records side. <see cref="SecrecyByUnit"/> maps a unit code to the OSL
/// provision a new report from that unit is marked with (a suggestion the coordinator may change);
/// empty means the built-in defaults (<see cref="SecrecyMarking.DefaultByUnit"/>), a configured map
/// replaces them. The förvaltning's lawyer decides what the map says; the service only applies it.
/// </summary>
public sealed class RecordsOptions : IValidatableObject
{
    public const string SectionName = "Records";

    public Dictionary<string, string?> SecrecyByUnit { get; set; } = [];

    /// <summary>The court a refusal to release a document is appealed to, named in the appeal instructions.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Records:AppealCourt must name the administrative court of appeal (for example Kammarrätten i Stockholm).")]
    public string AppealCourt { get; set; } = "Kammarrätten i Stockholm";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (unit, provision) in SecrecyByUnit)
        {
            if (!string.IsNullOrEmpty(provision) && !SecrecyMarking.IsProvision(provision))
            {
                yield return new ValidationResult(
                    $"Records:SecrecyByUnit:{unit} '{provision}' is not a provision like \"OSL 23 kap. 2 §\" (or empty for none).", [nameof(SecrecyByUnit)]);
            }
        }
    }
}
