using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Reporting.Features.Organisation;

namespace Reporting.Features.Coordinators;

/// <summary>
/// Identity's sign-in manager with the deputy's last day (<see cref="CoordinatorAccount.AccessUntil"/>)
/// in the two places every way in passes: whether an account may sign in at all (the password check,
/// and the provider's and the passkey's sign-ins ask it too), and the security-stamp check that
/// revalidates every open session each minute, so a deputy's sessions end with their last day.
/// </summary>
public sealed class CoordinatorSignInManager(
    UserManager<CoordinatorAccount> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<CoordinatorAccount> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<CoordinatorAccount>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<CoordinatorAccount> confirmation,
    OrganisationProfile organisation)
    : SignInManager<CoordinatorAccount>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(CoordinatorAccount user) =>
        user.HasAccessOn(organisation.Today()) && await base.CanSignInAsync(user);

    public override async Task<CoordinatorAccount?> ValidateSecurityStampAsync(ClaimsPrincipal? principal) =>
        await base.ValidateSecurityStampAsync(principal) is { } account && account.HasAccessOn(organisation.Today()) ? account : null;
}
