using System.ComponentModel.DataAnnotations;

namespace Reporting.Features.Organisation;

/// <summary>The district the service runs for: its name, units, areas and time zone.</summary>
public sealed class OrganisationOptions : IValidatableObject
{
    public const string SectionName = "Organisation";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Organisation:Name must not be empty.")]
    public string Name { get; set; } = "Kungsholmens stadsdelsförvaltning";

    /// <summary>Empty means the defaults below; configuring a list replaces them.</summary>
    public List<OrganisationEntry> Units { get; set; } = [];

    public List<OrganisationEntry> Areas { get; set; } = [];

    [Required(AllowEmptyStrings = false, ErrorMessage = "Organisation:TimeZone must not be empty.")]
    public string TimeZone { get; set; } = "Europe/Stockholm";

    /// <summary>Free text shown on the form for questions (coordinator's e-mail, phone).</summary>
    public string? Contact { get; set; }

    public static IReadOnlyList<OrganisationEntry> DefaultUnits { get; } =
    [
        new("forskola", "Förskola"),
        new("grundskola", "Grundskola"),
        new("fritidsgard", "Fritidsgård/ungdomsverksamhet"),
        new("faltassistenter", "Fältassistenter"),
        new("socialtjanst-barn-unga", "Socialtjänst barn och unga"),
        new("socialtjanst-vuxna", "Socialtjänst vuxna"),
        new("aldreomsorg", "Äldreomsorg"),
        new("funktionsnedsattning", "Stöd och service funktionsnedsättning"),
        new("stadsmiljo", "Stadsmiljö"),
        new("annan", "Annan verksamhet"),
    ];

    public static IReadOnlyList<OrganisationEntry> DefaultAreas { get; } =
    [
        new("kungsholmen", "Kungsholmen"),
        new("stadshagen", "Stadshagen"),
        new("fredhall", "Fredhäll"),
        new("kristineberg", "Kristineberg"),
        new("marieberg", "Marieberg"),
        new("essingeoarna", "Essingeöarna"),
        new("unknown", "Okänt"),
    ];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var problem in ValidateEntries(Units, nameof(Units)).Concat(ValidateEntries(Areas, nameof(Areas))))
        {
            yield return problem;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult(
                $"Organisation:TimeZone '{TimeZone}' is not a known time zone (for example Europe/Stockholm).",
                [nameof(TimeZone)]);
        }
    }

    private static IEnumerable<ValidationResult> ValidateEntries(List<OrganisationEntry> entries, string listName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (string.IsNullOrWhiteSpace(entry.Code) || string.IsNullOrWhiteSpace(entry.Name))
            {
                yield return new ValidationResult(
                    $"Organisation:{listName}:{i} needs both a code and a name.", [listName]);
            }
            else if (!seen.Add(entry.Code))
            {
                yield return new ValidationResult(
                    $"Organisation:{listName}:{i} repeats the code '{entry.Code}'.", [listName]);
            }
        }
    }
}

/// <summary>A configurable list entry: a stable code for the API and a Swedish name for people.</summary>
public sealed record OrganisationEntry(string Code, string Name)
{
    public OrganisationEntry() : this(string.Empty, string.Empty)
    {
    }
}
