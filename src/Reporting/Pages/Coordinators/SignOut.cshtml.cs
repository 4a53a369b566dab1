using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;

namespace Reporting.Pages.Coordinators;

/// <summary>Sign-out (POST only, with anti-forgery): removes the session cookie.</summary>
public sealed class SignOutModel(IMediator mediator) : CoordinatorPage
{
    public IActionResult OnGet() => Redirect("/samordnare");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new SignOutCoordinatorCommand(User.Name()), cancellationToken);
        return Redirect(CoordinatorsRegistration.SignInPath);
    }
}
