using System.Security.Claims;

namespace Reporting.Features.Coordinators;

/// <summary>Who the signed-in coordinator is, for audit lines, and how they signed in.</summary>
public static class CoordinatorPrincipal
{
    /// <summary>The claim a sign-in with password and one-time code adds (RFC 8176 "mfa").</summary>
    public const string MultiFactorClaim = "amr";
    public const string MultiFactorValue = "mfa";

    /// <summary>"password" (password and authenticator) or "sso" (the municipality's identity provider).</summary>
    public const string SignInMethodClaim = "reporting:sign-in";

    /// <summary>Signed in with a second factor: what the coordinator policy asks for.</summary>
    public static bool IsCoordinator(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.HasClaim(MultiFactorClaim, MultiFactorValue);

    public static string Name(this ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("No coordinator is signed in.");
}
