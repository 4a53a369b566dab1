using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;
using Reporting.Features.Summaries;

namespace Reporting.Pages.Coordinators;

/// <summary>
/// The quarterly summaries: key figures of a chosen quarter (the same aggregation as the PDF and
/// the JSON) and downloads of both versions for the current quarter and the seven before it, and
/// of the yearly summaries for this year and the four before it.
/// </summary>
public sealed class SummariesModel(IMediator mediator, Features.Organisation.OrganisationProfile organisation) : CoordinatorPage
{
    [BindProperty(SupportsGet = true, Name = "kvartal")] public string? Selected { get; set; }

    public IReadOnlyList<Quarter> Quarters { get; private set; } = [];

    public QuarterSummary? Summary { get; private set; }

    /// <summary>This year and the four before it, newest first.</summary>
    public IReadOnlyList<int> Years => [.. Enumerable.Range(0, YearAggregation.TrendYears).Select(i => organisation.Today().Year - i)];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Quarters = [.. Quarter.Of(organisation.Today()).AndPrevious(QuarterAggregation.TrendQuarters).Reverse()]; // newest first
        var selected = Quarters[0];
        if (Selected is not null && !Quarter.TryParse(Selected, out selected))
        {
            Errors["kvartal"] = "Välj ett kvartal som 2026-Q3.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Summary = await mediator.Send(new BuildQuarterSummaryQuery(User.Name(), selected), cancellationToken);
        return Page();
    }
}
