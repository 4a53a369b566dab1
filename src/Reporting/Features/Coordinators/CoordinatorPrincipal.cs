using System.Security.Claims;

namespace Reporting.Features.Coordinators;

/// <summary>Who the signed-in coordinator is, for audit lines.</summary>
public static class CoordinatorPrincipal
{
    /// <summary>The claim a sign-in with password and one-time code adds (RFC 8176 "mfa").</summary>
    public const string MultiFactorClaim = "amr";
    public const string MultiFactorValue = "mfa";

    public static string Name(this ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("No coordinator is signed in.");
}
