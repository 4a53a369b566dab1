namespace Reporting.Features.Coordinators;

/// <summary>What an account may do (<c>coordinator add --role</c>).</summary>
public static class CoordinatorRoles
{
    /// <summary>Handles their administration's reports, surveys and situation picture.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>The city's central coordinator: the figures of every administration, never a report (ADR 19).</summary>
    public const string City = "city";

    public static readonly IReadOnlyList<string> All = [Coordinator, City];
}
