using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Audit;
using Reporting.Features.Coordinators;
using Reporting.Pipeline;

namespace Reporting.Pages.Coordinators;

/// <summary>The audit log, read-only: filter by report reference, person, kind of event and period.</summary>
public sealed class AuditLogModel(IMediator mediator, Features.Organisation.OrganisationProfile organisation) : CoordinatorPage
{
    /// <summary>This month and the five before it, newest first, for the monthly log review.</summary>
    public IReadOnlyList<string> ReviewMonths =>
        [.. Enumerable.Range(0, 6).Select(i => organisation.Today().AddMonths(-i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))];

    [BindProperty(SupportsGet = true, Name = "reference")] public string? Reference { get; set; }

    [BindProperty(SupportsGet = true, Name = "person")] public string? Person { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")] public string? ActionCode { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }

    /// <summary>
    /// <c>?sida=2</c>: Razor Pages reserves the route value <c>page</c> for the page's own path, so a
    /// <c>?page=2</c> never reached this property (and every "Nästa" showed page 1 again).
    /// </summary>
    [BindProperty(SupportsGet = true, Name = PageParameter)] public int PageNumber { get; set; } = 1;

    public AuditPage? Entries { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var from = ParseDate("from", From);
        var to = ParseDate("to", To);
        if (Errors.Count == 0)
        {
            try
            {
                Entries = await mediator.Send(new ListAuditEntriesQuery(
                    User.Name(), Empty(Reference), Empty(Person), Empty(ActionCode), from, to, Math.Max(1, PageNumber)), cancellationToken);
                return Page();
            }
            catch (RequestValidationException exception)
            {
                ShowErrors(exception);
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The query string for another page of the same filtered view.</summary>
    public string PageLink(int page) =>
        Link("/samordnare/logg", [("reference", Reference), ("person", Person), ("action", ActionCode), ("from", From), ("to", To), (PageParameter, page.ToString(CultureInfo.InvariantCulture))]);
}
