using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;

namespace Reporting.Pages.Coordinators;

/// <summary>Sign-in with e-mail, password and the authenticator's one-time code (or a recovery code), in one step.</summary>
public sealed class SignInModel(IMediator mediator) : CoordinatorPage
{
    [BindProperty] public string? Email { get; set; }

    [BindProperty] public string? Password { get; set; }

    [BindProperty] public string? Code { get; set; }

    [BindProperty(SupportsGet = true, Name = "tillbaka")] public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = await mediator.Send(new SignInCoordinatorCommand(Email, Password, Code), cancellationToken);
        Password = null;
        Code = null;
        switch (outcome)
        {
            case SignInOutcome.SignedIn:
                // Only back into the coordinator's own pages: never an open redirect.
                return LocalRedirect(ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith("/samordnare", StringComparison.OrdinalIgnoreCase) ? url : "/samordnare");
            case SignInOutcome.LockedOut:
                Errors["email"] = "Kontot är spärrat en stund efter för många misslyckade försök. Försök igen om 15 minuter.";
                break;
            default:
                Errors["email"] = "E-postadressen, lösenordet eller koden stämmer inte.";
                break;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
