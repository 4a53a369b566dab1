using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;

namespace Reporting.Pages.Coordinators;

/// <summary>Sign-out (POST only, with anti-forgery): removes the session cookie.</summary>
public sealed class SignOutModel(IMediator mediator, Microsoft.Extensions.Options.IOptions<SingleSignOnOptions> sso) : CoordinatorPage
{
    public IActionResult OnGet() => Redirect("/samordnare");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var withProvider = User.HasClaim(CoordinatorPrincipal.SignInMethodClaim, "sso");
        await mediator.Send(new SignOutCoordinatorCommand(User.Name()), cancellationToken);
        // Signed in with the municipality's account: end the session there too, when the provider offers it.
        if (withProvider && await SingleSignOnRegistration.EndSessionEndpointAsync(HttpContext) is { } endSession)
        {
            var back = $"{Request.Scheme}://{Request.Host}{CoordinatorsRegistration.SignInPath}";
            return Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(endSession, new Dictionary<string, string?>
            {
                ["client_id"] = sso.Value.Oidc.ClientId,
                ["post_logout_redirect_uri"] = back,
            }));
        }

        return Redirect(CoordinatorsRegistration.SignInPath);
    }
}
