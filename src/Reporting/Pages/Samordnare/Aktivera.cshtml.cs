using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;
using Reporting.Pipeline;

namespace Reporting.Pages.Samordnare;

/// <summary>The one-time setup link: choose a password, add the authenticator, prove it with a code, get recovery codes.</summary>
public sealed class AktiveraModel(IMediator mediator) : CoordinatorPage
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    [BindProperty] public string? Password { get; set; }

    [BindProperty] public string? ConfirmPassword { get; set; }

    [BindProperty] public string? Code { get; set; }

    public EnrolmentStart? Start { get; private set; }

    public EnrolmentResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Start = await mediator.Send(new OpenEnrolmentQuery(Token), cancellationToken);
        if (Start is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            Result = await mediator.Send(new CompleteEnrolmentCommand(Token, Password, ConfirmPassword, Code), cancellationToken);
            return Page();
        }
        catch (RequestValidationException exception)
        {
            ShowErrors(exception);
        }

        Start = await mediator.Send(new OpenEnrolmentQuery(Token), cancellationToken);
        Response.StatusCode = Start is null ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return Page();
    }
}
