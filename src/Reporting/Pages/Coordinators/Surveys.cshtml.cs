using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;
using Reporting.Features.Organisation;
using Reporting.Features.Surveys;
using Reporting.Pipeline;

namespace Reporting.Pages.Coordinators;

/// <summary>
/// "Enkät": the years' staff surveys, and opening this year's. The codes are shown once, in the
/// answer to the post that made them (no-store, like every page here), as a list to print and a
/// form that turns them into a PDF of slips; after that only their hashes exist.
/// </summary>
public sealed class SurveysModel(IMediator mediator, OrganisationProfile organisation) : CoordinatorPage
{
    public const int DefaultCodes = 25;

    [BindProperty(Name = "year")] public int? Year { get; set; }

    [BindProperty(Name = "closesOn")] public string? ClosesOn { get; set; }

    /// <summary>"codes" or "link".</summary>
    [BindProperty(Name = "access")] public string Access { get; set; } = "codes";

    [BindProperty(Name = "codes")] public int? Codes { get; set; } = DefaultCodes;

    public IReadOnlyList<SurveyOverview> Surveys { get; private set; } = [];

    public OpenedSurvey? Opened { get; private set; }

    public int ThisYear => organisation.Today().Year;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Year = ThisYear;
        ClosesOn = organisation.Today().AddDays(28).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            Opened = await mediator.Send(
                new OpenSurveyCommand(User.Name(), new OpenSurveyRequest(Year, Empty(ClosesOn), Access == "link" ? null : Codes ?? 0)), cancellationToken);
            Response.StatusCode = StatusCodes.Status201Created;
        }
        catch (RequestValidationException validation)
        {
            ShowErrors(validation);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (RequestConflictException conflict)
        {
            Errors[conflict.Field] = conflict.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The codes just shown, back as a PDF of slips (they ride in the form body).</summary>
    public async Task<IActionResult> OnPostSlipsAsync(string? id, List<string> slipCodes, CancellationToken cancellationToken)
    {
        var pdf = await mediator.Send(new ExportSurveySlipsCommand(User.Name(), id, slipCodes), cancellationToken);
        return pdf is null ? NotFound() : File(pdf, "application/pdf", "enkat-svarslappar.pdf");
    }

    public async Task<IActionResult> OnPostCloseAsync(string? id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new CloseSurveyCommand(User.Name(), id), cancellationToken);
        return result == CloseSurveyResult.Unknown ? NotFound() : Redirect("/samordnare/enkater");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Surveys = await mediator.Send(new ListSurveysQuery(), cancellationToken);
}
