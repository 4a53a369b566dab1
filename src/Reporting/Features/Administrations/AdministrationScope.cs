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

    /// <summary>The query filters' parameters: the code, and whether rows without one (from before several) are included.</summary>
    public string? Code => Current?.Code;

    public bool IncludesUnstamped => Current?.IsHome ?? true;

    public void Enter(Administration administration)
    {
        if (Current is not null && Current != administration)
        {
            throw new InvalidOperationException("A request's administration is set once.");
        }

        Current = administration;
    }

    /// <summary>Whether a stored row (its administration column) is visible in this scope.</summary>
    public bool Sees(string? stored) => Current is null || Current.Owns(stored);
}
