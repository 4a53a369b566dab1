using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Reporting.Features.Coordinators;

/// <summary>
/// The account's role and administration as claims: the policies read the role, and each request's
/// <see cref="Administrations.AdministrationScope"/> the administration. The security-stamp check
/// rebuilds the principal from the account every minute, so a changed account is seen within one.
/// </summary>
public sealed class CoordinatorClaimsFactory(UserManager<CoordinatorAccount> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CoordinatorAccount>(users, options)
{
    public const string RoleClaim = "reporting:role";
    public const string AdministrationClaim = "reporting:administration";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CoordinatorAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(RoleClaim, user.Role));
        if (user.Administration is { } administration)
        {
            identity.AddClaim(new Claim(AdministrationClaim, administration));
        }

        return identity;
    }
}
