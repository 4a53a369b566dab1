using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Reporting.Features.Organisation;
using Reporting.Features.Retention;

namespace Reporting.Features.Administrations;

/// <summary>
/// One förvaltning in configuration (<c>Administrations:N</c>): its code (the form's address,
/// <c>/{code}</c>), name, units and areas (empty: <c>Organisation:Units</c>/<c>Areas</c>), the contact
/// shown on its form, extra alert recipients beside its coordinators, and its own retention rules.
/// </summary>
public sealed class AdministrationOptions
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public List<OrganisationEntry> Units { get; set; } = [];

    public List<OrganisationEntry> Areas { get; set; } = [];

    public string? Contact { get; set; }

    public List<string> Recipients { get; set; } = [];

    /// <summary>The administration's own gallringsbeslut, class by class; a class not listed follows <c>Retention:Classes</c>.</summary>
    public List<RetentionClassOptions> Retention { get; set; } = [];
}

/// <summary>The configured list (<c>Administrations</c>); empty means one administration made from <c>Organisation:*</c>.</summary>
public sealed partial class AdministrationList : IValidatableObject
{
    public const string SectionName = "Administrations";

    /// <summary>First segments the service's own pages and endpoints use: an administration's form cannot live there.</summary>
    private static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "api", "samordnare", "uppfoljning", "enkat", "health", "metrics", "openapi", "scalar", "tillganglighet", "css", "js", "img",
        "favicon.ico", "error", "index", Administration.SingleCode, Administration.CityLog,
    };

    public List<AdministrationOptions> Items { get; set; } = [];

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")]
    private static partial Regex CodePattern();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Items.Count; i++)
        {
            var item = Items[i];
            var key = $"{SectionName}:{i}";
            if (!CodePattern().IsMatch(item.Code ?? string.Empty) || Reserved.Contains(item.Code!))
            {
                yield return new ValidationResult(
                    $"{key}:Code '{item.Code}' must be lower-case letters, digits and dashes (2–40, like norrmalm), and not one of the service's own addresses.", [key]);
            }
            else if (!seen.Add(item.Code!))
            {
                yield return new ValidationResult($"{key}:Code repeats '{item.Code}'.", [key]);
            }

            if (string.IsNullOrWhiteSpace(item.Name))
            {
                yield return new ValidationResult($"{key}:Name must not be empty.", [key]);
            }

            foreach (var (list, listName) in new[] { (item.Units, "Units"), (item.Areas, "Areas") })
            {
                for (var j = 0; j < list.Count; j++)
                {
                    if (string.IsNullOrWhiteSpace(list[j].Code) || string.IsNullOrWhiteSpace(list[j].Name))
                    {
                        yield return new ValidationResult($"{key}:{listName}:{j} needs both a code and a name.", [key]);
                    }
                }
            }

            for (var j = 0; j < item.Recipients.Count; j++)
            {
                if (!new EmailAddressAttribute().IsValid(item.Recipients[j]))
                {
                    yield return new ValidationResult($"{key}:Recipients:{j} is not an e-mail address.", [key]);
                }
            }

            foreach (var error in RetentionClassOptions.Check(item.Retention, $"{key}:Retention"))
            {
                yield return error;
            }
        }
    }
}
