using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;

namespace Reporting.Pages.Coordinators;

/// <summary>Sign-in with e-mail, password and the authenticator's one-time code (or a recovery code), in one step.</summary>
public sealed class SignInModel(IMediator mediator, Microsoft.Extensions.Options.IOptions<SingleSignOnOptions> sso) : CoordinatorPage
{
    /// <summary>Why a single sign-on was refused, from the provider's round trip (<c>?sso=mfa</c>...).</summary>
    [BindProperty(SupportsGet = true, Name = SingleSignOnRegistration.RefusalParameter)] public string? Refusal { get; set; }

    public bool SingleSignOn => sso.Value.Enabled;

    public bool LocalSignIn => sso.Value.LocalSignIn;

    public string SingleSignOnHref => ReturnUrl is null ? SingleSignOnRegistration.StartPath : $"{SingleSignOnRegistration.StartPath}?tillbaka={Uri.EscapeDataString(ReturnUrl)}";

    [BindProperty] public string? Email { get; set; }

    [BindProperty] public string? Password { get; set; }

    [BindProperty] public string? Code { get; set; }

    [BindProperty(SupportsGet = true, Name = "tillbaka")] public string? ReturnUrl { get; set; }

    public void OnGet()
    {
        if (Refusal is not null)
        {
            Errors["sso"] = Refusal switch
            {
                "mfa" => "Inloggningen med kommunens konto gjordes utan flera faktorer (till exempel lösenord och app). Logga in igen med flerfaktorsinloggning.",
                "unknown" => "Det finns inget aktivt samordnarkonto för ditt konto hos kommunen. Be den som administrerar tjänsten att lägga till dig.",
                "subject" => "E-postadressen hör till ett annat konto hos kommunens identitetsleverantör än det som samordnarkontot är kopplat till. Kontakta den som administrerar tjänsten.",
                "unverified" => "Kommunens identitetsleverantör har inte bekräftat din e-postadress, så kontot kan inte kopplas till den. Kontakta den som administrerar tjänsten.",
                "password" => "Ditt samordnarkonto loggar in med lösenord och kod. Logga in så, eller be den som administrerar tjänsten att tillåta kommunens konto för det.",
                _ => "Inloggningen med kommunens konto misslyckades. Försök igen.",
            };
            Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = await mediator.Send(new SignInCoordinatorCommand(Email, Password, Code), cancellationToken);
        Password = null;
        Code = null;
        switch (outcome)
        {
            case SignInOutcome.SignedIn:
                return LocalRedirect(CoordinatorsRegistration.ReturnPath(ReturnUrl));
            case SignInOutcome.LocalSignInDisabled:
                Errors["email"] = "Inloggning med lösenord är avstängd. Logga in med kommunens konto.";
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
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
