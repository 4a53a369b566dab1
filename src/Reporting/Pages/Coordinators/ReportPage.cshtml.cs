using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;
using Reporting.Features.Reports;
using Reporting.Pipeline;

namespace Reporting.Pages.Coordinators;

/// <summary>One report: every field, status and forwarding, internal notes, and who has read or changed it.</summary>
public sealed class ReportPageModel(IMediator mediator, Features.Organisation.OrganisationProfile organisation) : CoordinatorPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    [BindProperty(Name = "status")] public string? Status { get; set; }

    [BindProperty(Name = "forwardedTo")] public List<string> ForwardedTo { get; set; } = [];

    [BindProperty(Name = "note")] public string? Note { get; set; }

    [BindProperty(SupportsGet = true, Name = "sparat")] public string? Saved { get; set; }

    public ReportDetails? Report { get; private set; }

    public string UnitName(string code) => organisation.UnitName(code);

    public string AreaName(string code) => organisation.AreaName(code);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostStatusAsync(CancellationToken cancellationToken) =>
        ChangeAsync(new UpdateReportCommand(User.Name(), Id, Status, [.. ForwardedTo], null), "status", cancellationToken);

    public Task<IActionResult> OnPostNoteAsync(CancellationToken cancellationToken) =>
        ChangeAsync(new UpdateReportCommand(User.Name(), Id, null, null, Note ?? string.Empty), "anteckning", cancellationToken);

    private async Task<IActionResult> ChangeAsync(UpdateReportCommand command, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await mediator.Send(command, cancellationToken) is null
                ? NotFound()
                : Redirect($"/samordnare/rapporter/{Id}?sparat={what}");
        }
        catch (RequestValidationException exception)
        {
            ShowErrors(exception);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Report = await mediator.Send(new GetReportQuery(User.Name(), Id), cancellationToken);
        return Report is not null;
    }
}
