using Reporting.Features.Organisation;

namespace Reporting.Features.Administrations;

/// <summary>
/// A förvaltning as the rest of the code sees it, defaults applied. Every report, survey, situation
/// picture, audit line and coordinator belongs to one; a row stored before there were several (its
/// administration empty) belongs to the home administration, the first configured (ADR 19).
/// </summary>
public sealed record Administration(
    string Code,
    string Name,
    IReadOnlyList<OrganisationEntry> Units,
    IReadOnlyList<OrganisationEntry> Areas,
    string? Contact,
    IReadOnlyList<string> Recipients,
    bool IsHome)
{
    /// <summary>The one administration's code when none are configured (<c>administration list</c> shows it; <c>--administration default</c> names it).</summary>
    public const string SingleCode = "default";

    /// <summary>
    /// The city coordinators' own audit lines (their sign-ins, their reading of the city's view) are
    /// kept under this code: no administration may take it, so they are in no administration's log and
    /// are read with <c>audit export --administration stad</c>.
    /// </summary>
    public const string CityLog = "stad";

    public IReadOnlySet<string> UnitCodes { get; } = Units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> AreaCodes { get; } = Areas.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);

    public string UnitName(string code) => Units.FirstOrDefault(u => u.Code == code)?.Name ?? code;

    public string AreaName(string code) => Areas.FirstOrDefault(a => a.Code == code)?.Name ?? (code == "unknown" ? "Okänt" : code);

    /// <summary>An account's administration that is no longer configured: it owns only rows stamped with its code.</summary>
    public static Administration Unconfigured(string code) => new(code, code, [], [], null, [], IsHome: false);

    /// <summary>Whether a row whose administration column holds <paramref name="stored"/> is this administration's.</summary>
    public bool Owns(string? stored) => stored is null ? IsHome : stored == Code;
}
