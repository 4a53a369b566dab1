using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;
using Reporting.Pipeline;

namespace Reporting.Pages.Coordinators;

/// <summary>
/// The one-time setup link: choose a password, add the authenticator, prove it with a code, get
/// recovery codes. The link's token leaves the address bar at once: the first GET exchanges it for a
/// short-lived HttpOnly cookie and redirects to the page without it, so it stays out of the browser's
/// history and of any log of URLs. Opening the link again starts over with a new authenticator key.
/// </summary>
public sealed class EnrolModel(IMediator mediator, IDataProtectionProvider protection, TimeProvider time) : CoordinatorPage
{
    public const string CookieName = "rapportering.aktivera";
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromMinutes(30);

    /// <summary>Only read on the first GET, from the link; never rendered or posted back.</summary>
    [FromQuery(Name = "token")] public string? LinkToken { get; set; }

    [BindProperty] public string? Password { get; set; }

    [BindProperty] public string? ConfirmPassword { get; set; }

    [BindProperty] public string? Code { get; set; }

    public EnrolmentStart? Start { get; private set; }

    public EnrolmentResult? Result { get; private set; }

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Reporting.EnrolmentLink").ToTimeLimitedDataProtector();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (LinkToken is not null)
        {
            // A fresh authenticator key each time the link is opened: a key shown on an earlier visit
            // (a shared screen, a forwarded mail) never becomes the account's second factor.
            if (await mediator.Send(new OpenEnrolmentQuery(LinkToken, NewAuthenticatorKey: true), cancellationToken) is null)
            {
                Response.StatusCode = StatusCodes.Status404NotFound;
                return Page();
            }

            Response.Cookies.Append(HostPrefixedCookieBuilder.NameFor(Request, CookieName), Protector.Protect(LinkToken, time.GetUtcNow() + CookieLifetime), CookieOptions());
            return new RedirectResult(CoordinatorsRegistration.EnrolmentPath, permanent: false, preserveMethod: false);
        }

        Start = await mediator.Send(new OpenEnrolmentQuery(TokenFromCookie(), NewAuthenticatorKey: false), cancellationToken);
        if (Start is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var token = TokenFromCookie();
        try
        {
            Result = await mediator.Send(new CompleteEnrolmentCommand(token, Password, ConfirmPassword, Code), cancellationToken);
            Response.Cookies.Delete(HostPrefixedCookieBuilder.NameFor(Request, CookieName), CookieOptions());
            return Page();
        }
        catch (RequestValidationException exception)
        {
            ShowErrors(exception);
        }

        Start = await mediator.Send(new OpenEnrolmentQuery(token, NewAuthenticatorKey: false), cancellationToken);
        Response.StatusCode = Start is null ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return Page();
    }

    private string? TokenFromCookie()
    {
        if (!Request.Cookies.TryGetValue(HostPrefixedCookieBuilder.NameFor(Request, CookieName), out var value))
        {
            return null;
        }

        try
        {
            return Protector.Unprotect(value, out _);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // expired or not ours: the page says the link does not work
        }
    }

    private CookieOptions CookieOptions() => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = Request.IsHttps,
        Path = "/",
        MaxAge = CookieLifetime,
        IsEssential = true,
    };
}
