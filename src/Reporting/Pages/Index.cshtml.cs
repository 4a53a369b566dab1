using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Identifiers;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Features.StaffForm;
using Reporting.Pipeline;

namespace Reporting.Pages;

/// <summary>
/// The staff form at <c>/</c>. It posts without script: the same command as <c>POST /api/reports</c>
/// (same validation, same identifier check), and the answer is this page again with errors and
/// findings, or the receipt. Controls carry the JSON property names and codes.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.Intake)]
public sealed class IndexModel(IMediator mediator, IdentifierScanner scanner, OrganisationProfile organisation) : ReportFormPage(scanner, organisation)
{
    [FromQuery(Name = "lang")] public string? Lang { get; set; }

    public override FormText Text => FormText.For(Lang);

    public ReportReceipt? Receipt { get; private set; }

    public string FormAction => Text.IsEnglish ? "/?lang=en" : "/";

    public void OnGet()
    {
        Area ??= ReportCodes.Unknown;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (TryReplaceFinding())
        {
            return Page();
        }

        try
        {
            var outcome = await mediator.Send(ToCommand(), cancellationToken);
            if (outcome.Receipt is { } receipt)
            {
                Receipt = receipt;
                return Page();
            }

            Findings = outcome.Findings;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        catch (RequestValidationException validation)
        {
            ShowErrors(validation, Text.ErrorFor);
            CheckDescription();
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
