namespace Reporting.Features.Coordinators;

/// <summary>An account's terms in words, for the audit log's line about the account.</summary>
public static class CoordinatorTerms
{
    /// <summary>", ersättare till och med 2026-12-31", or nothing for an account without an end.</summary>
    public static string Describe(CoordinatorAccount account) =>
        account.AccessUntil is { } last ? $", ersättare till och med {last:yyyy-MM-dd}" : string.Empty;
}
