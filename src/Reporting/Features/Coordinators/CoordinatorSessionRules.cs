using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Reporting.Features.Coordinators;

/// <summary>
/// When a coordinator's session ends: after <c>Coordinators:SessionMaxHours</c> from sign-in, at the
/// next security-stamp check after the account was removed, reset or signed out elsewhere (Identity's
/// validator, kept in place), or after 30 idle minutes (the cookie's own sliding expiry).
/// </summary>
public static class CoordinatorSessionRules
{
    /// <summary>The sign-in instant (Unix seconds) in the cookie's properties; a refreshed cookie keeps it.</summary>
    public const string SignedInAtItem = ".reporting.signed-in-at";

    /// <summary>Properties for a new session: not persistent (a session cookie), stamped with its start.</summary>
    public static AuthenticationProperties NewSession(TimeProvider time) => new()
    {
        IsPersistent = false,
        Items = { [SignedInAtItem] = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
    };

    /// <summary>True while the session is younger than its absolute limit; a cookie without a start time is not trusted.</summary>
    public static bool WithinLifetime(AuthenticationProperties properties, DateTimeOffset now, TimeSpan maximum) =>
        properties.Items.TryGetValue(SignedInAtItem, out var value)
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && now - DateTimeOffset.FromUnixTimeSeconds(seconds) < maximum;

    /// <summary>
    /// Wraps Identity's own principal validation (the security-stamp check) with the absolute
    /// lifetime. Added to the cookie's events, never replacing them.
    /// </summary>
    public static Func<CookieValidatePrincipalContext, Task> WithAbsoluteLifetime(Func<CookieValidatePrincipalContext, Task> stampCheck) =>
        async context =>
        {
            var settings = context.HttpContext.RequestServices.GetRequiredService<IOptions<CoordinatorOptions>>().Value;
            var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            if (!WithinLifetime(context.Properties, now, TimeSpan.FromHours(settings.SessionMaxHours)))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            await stampCheck(context);
        };

    /// <summary>
    /// A refreshed principal is rebuilt from the account, which does not know how the person signed in:
    /// carry the sign-in's own claims (the second factor, the provider's subject) over, or the
    /// policy would refuse every session a minute after sign-in.
    /// </summary>
    public static Task KeepSignInClaims(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is not ClaimsIdentity identity || context.CurrentPrincipal is null)
        {
            return Task.CompletedTask;
        }

        foreach (var claim in context.CurrentPrincipal.Claims.Where(c => SignInClaimTypes.Contains(c.Type)))
        {
            if (!identity.HasClaim(claim.Type, claim.Value))
            {
                identity.AddClaim(new Claim(claim.Type, claim.Value));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Claims that describe the sign-in rather than the account.</summary>
    public static readonly IReadOnlySet<string> SignInClaimTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        CoordinatorPrincipal.MultiFactorClaim,
        CoordinatorPrincipal.SignInMethodClaim,
    };
}
