namespace Reporting.Features.Administrations;

/// <summary>
/// Whose data a request sees: a signed-in coordinator's administration, set once per request from
/// their account (<see cref="Coordinators.CoordinatorClaimsFactory"/>) before any handler runs. Null means every
/// administration: anonymous intake (which writes only), background jobs and the command line
/// (whose data verbs take <c>--administration</c>). EF's query filters and the index read it, so no
/// handler filters by hand (ADR 19).
/// </summary>
public sealed class AdministrationScope
{
    public Administration? Current { get; private set; }

    /// <summary>The administration's value in the owned records' column (<see cref="IOwnedByAdministration"/>): its code, or empty when it is the only one.</summary>
    public string Owned { get; private set; } = string.Empty;

    /// <summary>The query filters' parameters: the code, and whether rows without one (from before several) are included.</summary>
    public string? Code => Current?.Code;

    public bool IncludesUnstamped => Current?.IsHome ?? true;

    /// <param name="administration">The administration.</param>
    /// <param name="stored">Its code as rows store it (<see cref="AdministrationCatalogue.Stored"/>: null when it is the only one).</param>
    public void Enter(Administration administration, string? stored)
    {
        if (Current is not null && Current != administration)
        {
            throw new InvalidOperationException("A request's administration is set once.");
        }

        Current = administration;
        Owned = stored ?? string.Empty;
    }

    /// <summary>A city coordinator's request: it sees every administration's figures, and its own audit lines go into the city's log.</summary>
    public bool IsCity { get; private set; }

    public void EnterCity() => IsCity = true;

    /// <summary>What a new audit line of this request is stamped with when its writer named none: null leaves it to the home administration.</summary>
    public string? AuditLogCode => IsCity ? Administration.CityLog : Current is { IsHome: false } current ? current.Code : null;

    /// <summary>Whether a stored row (its administration column) is visible in this scope.</summary>
    public bool Sees(string? stored) => Current is null || Current.Owns(stored);
}
