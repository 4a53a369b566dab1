using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.City;
using Reporting.Features.Coordinators;
using Reporting.Pipeline;

namespace Reporting.Pages.City;

/// <summary>The city coordinator's page (<c>/samordnare/stad</c>): every administration's year side by side, suppressed as the JSON and PDF are.</summary>
public sealed class OverviewModel(IMediator mediator, Features.Organisation.OrganisationProfile organisation) : FormPage
{
    [FromQuery(Name = "ar")] public string? Year { get; set; }

    public CitySummary? Summary { get; private set; }

    public IReadOnlyList<int> Years => [.. Enumerable.Range(0, 5).Select(back => organisation.Today().Year - back)];

    public string CityName => organisation.Name;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var year = Year is null ? organisation.Today().Year : CityEndpoints.Year(Year);
            Summary = await mediator.Send(new BuildCitySummaryQuery(User.Name(), year), cancellationToken);
        }
        catch (RequestValidationException validation)
        {
            ShowErrors(validation, (_, message) => message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public static string Text(object cell) => CitySummary.Text(cell);
}
