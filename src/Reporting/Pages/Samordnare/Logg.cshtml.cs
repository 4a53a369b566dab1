using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Audit;
using Reporting.Features.Coordinators;
using Reporting.Pipeline;

namespace Reporting.Pages.Samordnare;

/// <summary>The audit log, read-only: filter by report reference, person, kind of event and period.</summary>
public sealed class LoggModel(IMediator mediator) : CoordinatorPage
{
    [BindProperty(SupportsGet = true, Name = "reference")] public string? Reference { get; set; }

    [BindProperty(SupportsGet = true, Name = "person")] public string? Person { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")] public string? ActionCode { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

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

    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["reference"] = Empty(Reference), ["person"] = Empty(Person), ["action"] = Empty(ActionCode),
            ["from"] = Empty(From), ["to"] = Empty(To), ["page"] = page.ToString(CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/samordnare/logg", query.Where(q => q.Value is not null)!);
    }

    private DateOnly? ParseDate(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        Errors[field] = "Skriv datumet som år-månad-dag, till exempel 2026-11-27.";
        return null;
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
