using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;
using Reporting.Features.Photos;
using Reporting.Features.Reports;
using Reporting.Pipeline;

namespace Reporting.Pages.Coordinators;

/// <summary>
/// One report: every field, status and forwarding, the case work (assessed environment, the report
/// of the same event), the conversation with the reporter, internal notes, and who has read or changed it.
/// </summary>
public sealed class ReportPageModel(
    IMediator mediator,
    Features.Organisation.OrganisationProfile organisation,
    Features.Records.SecrecyMarking secrecyMarking,
    ClosedQuestions questions,
    Features.Administrations.AdministrationCatalogue administrations,
    Features.Administrations.AdministrationScope scope) : CoordinatorPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    /// <summary>The optional closed questions, one row each.</summary>
    public ClosedQuestions Questions => questions;

    /// <summary>Where a misrouted report can be sent: every other administration (none in a deployment with one).</summary>
    public IReadOnlyList<Features.Administrations.Administration> OtherAdministrations =>
        administrations.AreSeveral ? [.. administrations.All.Where(a => a != (scope.Current ?? administrations.Home))] : [];

    [BindProperty(Name = "administration")] public string? TransferTo { get; set; }

    [BindProperty(Name = "status")] public string? Status { get; set; }

    [BindProperty(Name = "forwardedTo")] public List<string> ForwardedTo { get; set; } = [];

    [BindProperty(Name = "note")] public string? Note { get; set; }

    [BindProperty(Name = "assessedEnvironment")] public string? AssessedEnvironment { get; set; }

    [BindProperty(Name = "linkedTo")] public string? LinkedTo { get; set; }

    [BindProperty(Name = "message")] public string? Message { get; set; }

    [BindProperty(Name = "confirmNoIdentifiers")] public bool ConfirmNoIdentifiers { get; set; }

    /// <summary>What the identifier check found in a message that was not sent.</summary>
    public IReadOnlyList<Features.Identifiers.IdentifierFinding> MessageFindings { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "sparat")] public string? Saved { get; set; }

    [BindProperty(Name = "secrecy")] public string? Secrecy { get; set; }

    [BindProperty(Name = "hold")] public bool Hold { get; set; }

    /// <summary>The provisions the configuration suggests, offered as choices for the marking.</summary>
    public IEnumerable<string> Provisions => secrecyMarking.Provisions;

    [BindProperty(Name = "photoId")] public Guid PhotoId { get; set; }

    /// <summary>The boxes drawn with the script, as JSON in the photo's pixels; empty without script.</summary>
    [BindProperty(Name = "boxes")] public string? Boxes { get; set; }

    /// <summary>One box typed as numbers (the way without script, or with a keyboard).</summary>
    [BindProperty(Name = "boxX")] public string? BoxX { get; set; }

    [BindProperty(Name = "boxY")] public string? BoxY { get; set; }

    [BindProperty(Name = "boxWidth")] public string? BoxWidth { get; set; }

    [BindProperty(Name = "boxHeight")] public string? BoxHeight { get; set; }

    /// <summary>The photo whose redaction form shows an error (it stays open).</summary>
    public Guid? RedactionFailedFor { get; private set; }

    public ReportDetails? Report { get; private set; }

    public string UnitName(string code) => organisation.UnitName(code);

    public string AreaName(string code) => organisation.AreaName(code);

    public string SymbolName(string code) => organisation.Symbols.Name(code);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostStatusAsync(CancellationToken cancellationToken) =>
        ChangeAsync(new UpdateReportCommand(User.Name(), Id, Status, [.. ForwardedTo], null), "status", cancellationToken);

    public Task<IActionResult> OnPostNoteAsync(CancellationToken cancellationToken) =>
        ChangeAsync(new UpdateReportCommand(User.Name(), Id, null, null, Note ?? string.Empty), "anteckning", cancellationToken);

    public Task<IActionResult> OnPostCaseWorkAsync(CancellationToken cancellationToken) =>
        ChangeAsync(new UpdateReportCommand(User.Name(), Id, null, null, null, new Setting(Empty(AssessedEnvironment)), new Setting(Empty(LinkedTo))), "bedomning", cancellationToken);

    public Task<IActionResult> OnPostRecordsAsync(CancellationToken cancellationToken) =>
        ChangeAsync(new UpdateReportCommand(User.Name(), Id, null, null, null, Secrecy: new Setting(Empty(Secrecy)), Hold: Hold), "handling", cancellationToken);

    /// <summary>A misrouted report goes to another administration: this coordinator sees it no more, so the answer is the inbox.</summary>
    public async Task<IActionResult> OnPostTransferAsync(CancellationToken cancellationToken)
    {
        var result = await ChangeAsync(new UpdateReportCommand(User.Name(), Id, null, null, null, Administration: Empty(TransferTo) ?? string.Empty), "overford", cancellationToken);
        return result is RedirectResult ? Redirect("/samordnare?sparat=overford") : result;
    }

    public async Task<IActionResult> OnPostMessageAsync(CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await mediator.Send(new SendMessageCommand(User.Name(), Id, Message, ConfirmNoIdentifiers), cancellationToken);
            switch (outcome.Result)
            {
                case SendMessageResult.NotFound:
                    return NotFound();
                case SendMessageResult.Sent:
                    return Redirect($"/samordnare/rapporter/{Id}?sparat=meddelande#conversation-heading");
            }

            MessageFindings = outcome.Findings;
            Errors["message"] = outcome.Findings.Any(f => f.Blocking)
                ? "Meddelandet innehåller uppgifter som identifierar någon och kan inte skickas. Ta bort det som är markerat."
                : "Meddelandet kan innehålla uppgifter som identifierar någon. Ta bort dem eller bekräfta att ingen kan identifieras.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        catch (RequestValidationException exception)
        {
            ShowErrors(exception, (field, message) => message);
            if (Errors.Remove("text", out var text))
            {
                Errors["message"] = text;
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRedactAsync(CancellationToken cancellationToken)
    {
        try
        {
            var copy = await mediator.Send(new RedactPhotoCommand(User.Name(), Id, PhotoId, RedactionBoxes()), cancellationToken);
            return copy is null ? NotFound() : Redirect($"/samordnare/rapporter/{Id}?sparat=maskerad#photo-{copy}");
        }
        catch (RequestValidationException exception)
        {
            RedactionFailedFor = PhotoId;
            Errors[$"redact-{PhotoId}"] = exception.Errors.Values.SelectMany(m => m).First();
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    /// <summary>The drawn boxes, and the typed one when any of its numbers is filled in.</summary>
    private List<PhotoBox> RedactionBoxes()
    {
        var boxes = new List<PhotoBox>();
        if (!string.IsNullOrWhiteSpace(Boxes))
        {
            try
            {
                boxes.AddRange(System.Text.Json.JsonSerializer.Deserialize(Boxes, Infrastructure.Serialization.ReportingJsonContext.Default.IReadOnlyListPhotoBox) ?? []);
            }
            catch (System.Text.Json.JsonException)
            {
                throw RequestValidationException.For("boxes", "De markerade områdena kunde inte läsas. Markera dem igen.");
            }
        }

        if (new[] { BoxX, BoxY, BoxWidth, BoxHeight }.Any(v => !string.IsNullOrWhiteSpace(v)))
        {
            boxes.Add(new PhotoBox(Whole(BoxX), Whole(BoxY), Whole(BoxWidth), Whole(BoxHeight)));
        }

        return boxes;
    }

    private static int? Whole(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

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
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (RequestConflictException conflict)
        {
            Errors[conflict.Field] = conflict.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (ReportRuleException rule)
        {
            Errors[rule.Field] = rule.Message;
            Response.StatusCode = rule.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Report = await mediator.Send(new OpenReportCommand(User.Name(), Id), cancellationToken);
        return Report is not null;
    }
}
