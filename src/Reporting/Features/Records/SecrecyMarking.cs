using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Reporting.Features.Records;

/// <summary>
/// A report's secrecy marking: the provision of the Public Access to Information and Secrecy Act
/// (offentlighets- och sekretesslagen, OSL) under which it is likely secret, as a register shows it
/// ("OSL 23 kap. 2 §"). A marking is a note for the handling, not a secrecy decision: that is tried
/// when someone asks for the document (a disclosure, <c>POST /api/disclosures</c>).
/// </summary>
public sealed partial class SecrecyMarking(IOptions<RecordsOptions> options)
{
    /// <summary>Schools and preschools: the pupil's circumstances (OSL 23:2); social services: the individual's (OSL 26:1).</summary>
    public static IReadOnlyDictionary<string, string> DefaultByUnit { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["forskola"] = "OSL 23 kap. 2 §",
        ["grundskola"] = "OSL 23 kap. 2 §",
        ["faltassistenter"] = "OSL 26 kap. 1 §",
        ["socialtjanst-barn-unga"] = "OSL 26 kap. 1 §",
        ["socialtjanst-vuxna"] = "OSL 26 kap. 1 §",
    };

    public const string Example = "OSL 23 kap. 2 §";

    private readonly IReadOnlyDictionary<string, string> _byUnit = options.Value.SecrecyByUnit.Count > 0
        ? options.Value.SecrecyByUnit.Where(u => !string.IsNullOrEmpty(u.Value)).ToDictionary(u => u.Key, u => u.Value!, StringComparer.Ordinal)
        : DefaultByUnit;

    [GeneratedRegex(@"^OSL [1-9][0-9]? kap\. [1-9][0-9]?(?: ?[a-z])? §$", RegexOptions.CultureInvariant)]
    private static partial Regex Provision();

    /// <summary>"OSL 23 kap. 2 §", "OSL 10 kap. 2 §", "OSL 26 kap. 1 §": a chapter and a section of OSL.</summary>
    public static bool IsProvision(string? text) => text is not null && Provision().IsMatch(text);

    /// <summary>The marking a new report from this unit gets; null for a unit without one.</summary>
    public string? SuggestedFor(string unit) => _byUnit.GetValueOrDefault(unit);

    /// <summary>Every provision the configuration names (the index copy's dictionary holds them whether used or not).</summary>
    public IEnumerable<string> Provisions => _byUnit.Values.Distinct(StringComparer.Ordinal);
}
