using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.FollowUp;
using Reporting.Features.Identifiers;
using Reporting.Pages.StaffForm;
using Reporting.Pipeline;

namespace Reporting.Pages;

/// <summary>
/// "Följ upp din rapport" at <c>/uppfoljning</c>, without script: the reporter types the receipt and
/// the answer is the POST's own response (no-store, like every answer here), so the receipt is in no
/// URL. It shows the status in words, the conversation with dates only, and a reply box with the
/// identifier check. The same use cases as <c>POST /api/follow-up</c> and <c>/api/follow-up/messages</c>.
/// </summary>
public sealed class FollowUpModel(IMediator mediator, IdentifierScanner scanner, Features.Organisation.OrganisationProfile organisation) : FormPage
{
    [FromQuery(Name = "lang")] public string? Lang { get; set; }

    [BindProperty(Name = "receipt")] public string? Receipt { get; set; }

    [BindProperty(Name = "text")] public string? Reply { get; set; }

    [BindProperty(Name = "confirmNoIdentifiers")] public bool ConfirmNoIdentifiers { get; set; }

    /// <summary>A no-script "replace with placeholder" button in the reply: "start:end" of the finding.</summary>
    [BindProperty(Name = "replace")] public string? Replace { get; set; }

    public Features.Organisation.OrganisationProfile Organisation => organisation;

    /// <summary>The post was a reply (its refusals are about the reply, not the look-up).</summary>
    public bool Replying { get; private set; }

    /// <summary>The identifier check beside the reply, in the follow-up page's own words.</summary>
    public IdentifierCheckBox ReplyCheck => new("text", Reply, Findings, Text, Text["followUp.findings.heading"], Text["followUp.findings.blockingExplained"], ConfirmNoIdentifiers);

    public FormText Text => FormText.For(Lang);

    public string Action => Text.IsEnglish ? "/uppfoljning?lang=en" : "/uppfoljning";

    /// <summary>The reply goes to its handler by name; the receipt rides in the form body, never here.</summary>
    public string ReplyAction => Text.IsEnglish ? "/uppfoljning?handler=Reply&lang=en" : "/uppfoljning?handler=Reply";

    public FollowUpView? View { get; private set; }

    public bool Sent { get; private set; }

    public IReadOnlyList<IdentifierFinding> Findings { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LookUpAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(CancellationToken cancellationToken)
    {
        Replying = true;
        if (Replace is { } range)
        {
            // A no-script replace button: the reply changes in place, nothing is sent.
            Reply = IdentifierCheckBox.Replace(scanner, Reply, range);
            Findings = string.IsNullOrWhiteSpace(Reply) ? [] : scanner.Scan(Reply);
            await LookUpAsync(cancellationToken);
            return Page();
        }

        try
        {
            var outcome = await mediator.Send(new ReplyByReceiptCommand(Receipt, Reply, ConfirmNoIdentifiers, RateLimits.ClientKey(HttpContext)), cancellationToken);
            switch (outcome.Result)
            {
                case ReplyResult.Sent:
                    View = outcome.View;
                    Sent = true;
                    Reply = null;
                    return Page();
                case ReplyResult.Closed:
                    View = outcome.View;
                    Errors["text"] = Text["followUp.closed"];
                    Response.StatusCode = StatusCodes.Status409Conflict;
                    return Page();
                case ReplyResult.TooManyToday:
                    View = outcome.View;
                    Errors["text"] = Text["followUp.repliesToday"];
                    Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    RetryAfter.Set(Response, outcome.RetryAfter);
                    return Page();
                case ReplyResult.Refused:
                    Findings = outcome.Findings;
                    Errors.TryAdd("findings", ReplyCheck.MayConfirm ? Text["followUp.summary.findingsWarning"] : Text["followUp.summary.findingsBlocking"]);
                    Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                    break;
                default:
                    Errors["receipt"] = Text["followUp.unknown"];
                    Response.StatusCode = StatusCodes.Status404NotFound;
                    return Page();
            }
        }
        catch (RequestValidationException validation) when (!validation.Errors.ContainsKey("receipt"))
        {
            ShowErrors(validation, Text.ErrorFor);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (RequestValidationException)
        {
            Errors["receipt"] = Text["followUp.malformed"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (TooManyAttemptsException tooMany)
        {
            TooMany(tooMany);
            return Page();
        }

        // The reply was refused: show the conversation again beside the reply that needs changing.
        var status = Response.StatusCode;
        await LookUpAsync(cancellationToken);
        Response.StatusCode = status;
        return Page();
    }

    private async Task LookUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            View = await mediator.Send(new FollowUpQuery(Receipt, RateLimits.ClientKey(HttpContext)), cancellationToken);
            if (View is null)
            {
                Errors["receipt"] = Text["followUp.unknown"];
                Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }
        catch (RequestValidationException)
        {
            Errors["receipt"] = Text["followUp.malformed"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (TooManyAttemptsException tooMany)
        {
            TooMany(tooMany);
        }
    }

    private void TooMany(TooManyAttemptsException tooMany)
    {
        Errors["receipt"] = Text["followUp.tooMany"];
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        RetryAfter.Set(Response, tooMany.RetryAfter);
    }
}
