using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;
using Reporting.Features.Identifiers;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Pages.StaffForm;
using Reporting.Pipeline;

namespace Reporting.Pages.Coordinators;

/// <summary>
/// "Registrera rapport": the coordinator enters a report that came by phone, in a meeting, by letter
/// or e-mail, with the staff form's fields and checks and its channel; the same use case as
/// <c>POST /api/reports/registered</c>. It gets a reference and no receipt.
/// </summary>
public sealed class RegisterModel(
    IMediator mediator, IdentifierScanner scanner, OrganisationProfile organisation, ClosedQuestions questions,
    Features.Administrations.AdministrationCatalogue administrations, Features.Administrations.AdministrationScope scope)
    : ReportFormPage(scanner, organisation, questions)
{
    /// <summary>A coordinator registers reports for their own administration.</summary>
    public override Features.Administrations.Administration FormAdministration => scope.Current ?? administrations.Home;

    protected override string? AdministrationForCommand => administrations.AreSeveral ? FormAdministration.Code : null;

    [BindProperty(Name = "channel")] public string? Channel { get; set; }

    public override FormText Text => FormText.Swedish;

    // The reporter's contact is theirs to give on the form; a coordinator writes down what was said.
    public override bool AsksForContact => false;

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
            var outcome = await mediator.Send(new RegisterReportCommand(User.Name(), Empty(Channel), ToCommand()), cancellationToken);
            if (outcome.Registered is { } registered)
            {
                return Redirect($"/samordnare/rapporter/{registered.Id}?sparat=registrerad");
            }

            RefuseForFindings(outcome.Findings);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        catch (RequestValidationException validation)
        {
            ShowErrors(validation, Text.ErrorFor);
            CheckDescription();
            SummariseFindings();
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
