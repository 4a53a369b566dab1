using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;
using Reporting.Features.Organisation;
using Reporting.Features.Summaries;
using Reporting.Features.Surveys;

namespace Reporting.Pages.Coordinators;

/// <summary>One survey's results, internal (with comments) or shareable (small counts suppressed): the same use case as the JSON.</summary>
public sealed class SurveyResultsPageModel(IMediator mediator, OrganisationProfile organisation) : CoordinatorPage
{
    [FromRoute(Name = "id")] public string? Id { get; set; }

    [FromQuery(Name = "variant")] public string? Variant { get; set; }

    public SurveyResults? Results { get; private set; }

    public OrganisationProfile Organisation => organisation;

    public bool IsShareable => Variant == "shareable";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Results = await mediator.Send(new GetSurveyResultsQuery(User.Name(), Id, IsShareable ? SummaryVariant.Shareable : SummaryVariant.Internal), cancellationToken);
        return Results is null ? NotFound() : Page();
    }
}
