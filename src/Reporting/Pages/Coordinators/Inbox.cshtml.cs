using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;
using Reporting.Features.Reports;
using Reporting.Pipeline;

namespace Reporting.Pages.Coordinators;

/// <summary>
/// The inbox at /samordnare: filters in the query string (so a filtered view can be bookmarked),
/// paging, markers for unread replies and overdue reports, look-up by receipt code.
/// </summary>
public sealed class InboxModel(IMediator mediator, Features.Organisation.OrganisationProfile organisation) : CoordinatorPage
{
    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "environment")] public string? Environment { get; set; }

    [BindProperty(SupportsGet = true, Name = "kind")] public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "unit")] public string? Unit { get; set; }

    [BindProperty(SupportsGet = true, Name = "channel")] public string? Channel { get; set; }

    /// <summary>
    /// <c>?sida=2</c>: Razor Pages reserves the route value <c>page</c> for the page's own path, so a
    /// <c>?page=2</c> never reached this property (and every "Nästa" showed page 1 again).
    /// </summary>
    [BindProperty(SupportsGet = true, Name = PageParameter)] public int PageNumber { get; set; } = 1;

    [BindProperty(Name = "receipt")] public string? Receipt { get; set; }

    public ReportList? Reports { get; private set; }

    public Features.Organisation.OrganisationProfile Organisation => organisation;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var from = ParseDate("from", From);
        var to = ParseDate("to", To);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            Reports = await mediator.Send(
                new ListReportsQuery(User.Name(), Empty(Status), from, to, Empty(Environment), Empty(Kind), Math.Max(1, PageNumber), Unit: Empty(Unit), Channel: Empty(Channel), Excerpts: true),
                cancellationToken);
        }
        catch (RequestValidationException exception)
        {
            ShowErrors(exception);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostReceiptAsync(CancellationToken cancellationToken)
    {
        if (await mediator.Send(new FindReportByReceiptQuery(User.Name(), Receipt), cancellationToken) is { } id)
        {
            return Redirect($"/samordnare/rapporter/{id}");
        }

        Errors["receipt"] = ReceiptCode.Normalise(Receipt) is null
            ? "En kvittokod har 16 siffror, till exempel 1234 5678 9012 3456."
            : "Ingen rapport har den kvittokoden.";
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>The query string for another page of the same filtered view.</summary>
    public string PageLink(int page) =>
        Link("/samordnare", [("status", Status), ("from", From), ("to", To), ("environment", Environment), ("kind", Kind), ("unit", Unit), ("channel", Channel), (PageParameter, page.ToString(CultureInfo.InvariantCulture))]);

    public string UnitName(string code) => organisation.UnitName(code);
}
