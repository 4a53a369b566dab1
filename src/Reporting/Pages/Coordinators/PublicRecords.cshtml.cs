using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;
using Reporting.Features.Records;
using Reporting.Features.Retention;
using Reporting.Pipeline;

namespace Reporting.Pages.Coordinators;

/// <summary>
/// "Allmänna handlingar": the registrator's and the archivist's page. The year's register extract to
/// download, the requests for documents and their decisions (and a form to record one), and the
/// gallringslogg. The same use cases as the API.
/// </summary>
public sealed class PublicRecordsModel(IMediator mediator, Features.Organisation.OrganisationProfile organisation) : CoordinatorPage
{
    [BindProperty(SupportsGet = true, Name = "ar")] public int? Year { get; set; }

    [BindProperty(Name = "reference")] public string? Reference { get; set; }

    [BindProperty(Name = "requestedOn")] public string? RequestedOn { get; set; }

    [BindProperty(Name = "requester")] public string? Requester { get; set; }

    [BindProperty(Name = "decision")] public string? Decision { get; set; }

    [BindProperty(Name = "ground")] public string? Ground { get; set; }

    [BindProperty(Name = "recipient")] public string? Recipient { get; set; }

    [BindProperty(Name = "confirmNoIdentifiers")] public bool ConfirmNoIdentifiers { get; set; }

    [BindProperty(SupportsGet = true, Name = "sparat")] public string? Saved { get; set; }

    /// <summary>What the identifier check found in the requester or the recipient (the request was not recorded).</summary>
    public IReadOnlyList<Features.Identifiers.IdentifierFinding> Findings { get; private set; } = [];

    public int ShownYear => Year ?? organisation.Today().Year;

    /// <summary>This year and the four before it, newest first.</summary>
    public IReadOnlyList<int> Years => [.. Enumerable.Range(0, 5).Select(i => organisation.Today().Year - i)];

    public IReadOnlyList<DisclosureView> Disclosures { get; private set; } = [];

    public IReadOnlyList<RetentionLogLine> RetentionLog { get; private set; } = [];

    public string Today => organisation.Today().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Years.Contains(ShownYear))
        {
            Errors["ar"] = "Välj ett av de fem senaste åren.";
            Year = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDisclosureAsync(CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await mediator.Send(
                new RecordDisclosureCommand(User.Name(), Empty(Reference), Empty(RequestedOn), Requester, Empty(Decision), Empty(Ground), Empty(Recipient), ConfirmNoIdentifiers),
                cancellationToken);
            if (outcome.Id is not null)
            {
                return Redirect($"/samordnare/allmanna-handlingar?ar={RequestedOn![..4]}&sparat=utlamnande#disclosures-heading");
            }

            Findings = outcome.Findings;
            Errors[outcome.Field!] = outcome.Findings.Any(f => f.Blocking)
                ? "Texten innehåller uppgifter som identifierar någon och kan inte sparas. Beskriv i stället, till exempel \"journalist\" eller \"anonym\"."
                : "Texten kan innehålla uppgifter som identifierar någon. Ta bort dem eller bekräfta att ingen kan identifieras.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        catch (RequestValidationException exception)
        {
            ShowErrors(exception);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Disclosures = await mediator.Send(new ListDisclosuresQuery(User.Name(), ShownYear), cancellationToken);
        RetentionLog = await mediator.Send(new ReadRetentionLogQuery(User.Name()), cancellationToken);
    }
}
