using System.ComponentModel.DataAnnotations;
using Reporting.Features.Reports;

namespace Reporting.Features.Symbols;

/// <summary>A symbol, sign or group mark staff may recognise, and the environment it is usually associated with.</summary>
public sealed record Symbol(string Code, string Name, string Environment);

/// <summary>
/// The configured catalogue (<c>Symbols</c>, a list of <c>{code, name, environment}</c> at the root of
/// the configuration). Empty: the built-in list (<see cref="SymbolCatalogue.Defaults"/>); a configured
/// list replaces it, as units and areas do.
/// </summary>
public sealed class SymbolsOptions : IValidatableObject
{
    public const string SectionName = "Symbols";

    public List<SymbolEntry> Entries { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Entries.Count; i++)
        {
            var entry = Entries[i];
            if (string.IsNullOrWhiteSpace(entry.Code) || string.IsNullOrWhiteSpace(entry.Name) || string.IsNullOrWhiteSpace(entry.Environment))
            {
                yield return new ValidationResult($"Symbols:{i} needs a code, a name and an environment.", [nameof(Entries)]);
            }
            else if (!SymbolCatalogue.IsCode(entry.Code))
            {
                yield return new ValidationResult($"Symbols:{i}:Code '{entry.Code}' must be 1 to 40 lower-case letters, digits and dashes.", [nameof(Entries)]);
            }
            else if (!ReportCodes.Environment.Contains(entry.Environment))
            {
                yield return new ValidationResult(
                    $"Symbols:{i}:Environment '{entry.Environment}' is not one of {string.Join(", ", ReportCodes.Environment.Codes)}.", [nameof(Entries)]);
            }
            else if (!seen.Add(entry.Code))
            {
                yield return new ValidationResult($"Symbols:{i} repeats the code '{entry.Code}'.", [nameof(Entries)]);
            }
        }
    }
}

public sealed class SymbolEntry
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? Environment { get; set; }
}
