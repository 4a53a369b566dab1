using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Identifiers;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Pages.StaffForm;
using Reporting.Pipeline;

namespace Reporting.Pages;

/// <summary>
/// The staff form at <c>/</c>. It posts without script: the same command as <c>POST /api/reports</c>
/// (same validation, same identifier check), and the answer is this page again with errors and
/// findings, or the receipt. Controls carry the JSON property names and codes.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.Intake)]
public sealed class IndexModel(
    IMediator mediator, IdentifierScanner scanner, OrganisationProfile organisation, ClosedQuestions questions,
    Features.Administrations.AdministrationCatalogue administrations,
    Microsoft.Extensions.Options.IOptions<Features.Photos.AttachmentsOptions> attachments)
    : ReportFormPage(scanner, organisation, questions)
{
    /// <summary>The administration's code from the address (<c>/{code}</c>); none at <c>/</c>.</summary>
    [FromRoute(Name = "administration")] public string? AdministrationCode { get; set; }

    /// <summary>Several administrations and none chosen: <c>/</c> lists them instead of showing a form.</summary>
    public bool ListsAdministrations => administrations.AreSeveral && AdministrationCode is null;

    public IReadOnlyList<Features.Administrations.Administration> Administrations => administrations.All;

    public override Features.Administrations.Administration FormAdministration => administrations.Find(AdministrationCode) ?? administrations.Home;

    protected override string? AdministrationForCommand => administrations.AreSeveral ? FormAdministration.Code : null;

    /// <summary>An address that is no form: a code when only one administration is configured, or an unknown one.</summary>
    private bool IsNoForm => AdministrationCode is not null && (!administrations.AreSeveral || administrations.Find(AdministrationCode) is null);

    /// <summary>The photos chosen in the file field (a multipart post).</summary>
    [BindProperty(Name = "photos")] public List<IFormFile> Photos { get; set; } = [];

    public override bool AcceptsPhotos => attachments.Value.Enabled;

    public override int MaxPhotos => attachments.Value.MaxPhotos;

    [FromQuery(Name = "lang")] public string? Lang { get; set; }

    public override FormText Text => FormText.For(Lang);

    public ReportReceipt? Receipt { get; private set; }

    /// <summary>This rendered form's single-use token (<see cref="Features.Reports.FormToken"/>): kept while the form is shown again, new for a new form.</summary>
    [BindProperty(Name = "formToken")] public string? FormToken { get; set; }

    /// <summary>The form was posted again after its report was stored: nothing was stored, and no receipt is shown.</summary>
    public bool AlreadySent { get; private set; }

    /// <summary>This form's own address: <c>/</c>, or <c>/{code}</c> when several administrations are configured.</summary>
    public string FormPath => administrations.AreSeveral ? $"/{FormAdministration.Code}" : "/";

    public string FormAction => Text.IsEnglish ? $"{FormPath}?lang=en" : FormPath;

    /// <summary>The same page in the other language.</summary>
    public string OtherLanguagePath => Text.IsEnglish ? FormPath : $"{FormPath}?lang=en";

    public IActionResult OnGet()
    {
        if (IsNoForm)
        {
            return NotFound();
        }

        Area ??= ReportCodes.Unknown;
        FormToken = Features.Reports.FormToken.New(Organisation.Today());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (IsNoForm || ListsAdministrations)
        {
            return NotFound();
        }

        var token = Features.Reports.FormToken.Hash(FormToken, out var renderedOn);
        if (token is not null && Features.Reports.FormToken.HasExpired(renderedOn, Organisation.Today()))
        {
            // Too old to tell from the spent tokens kept: shown again as typed, to be checked and sent as a new form.
            FormToken = Features.Reports.FormToken.New(Organisation.Today());
            Errors["report-form"] = Text["expired.form"];
            CheckDescription();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        FormToken ??= Features.Reports.FormToken.New(Organisation.Today());
        PhotosWereAttached = Photos.Any(p => p.Length > 0);
        if (TryReplaceFinding())
        {
            return Page();
        }

        try
        {
            var photos = await Features.Photos.PhotoUploads.ReadAsync([.. Photos.Where(p => p.Length > 0 || !string.IsNullOrEmpty(p.FileName))], attachments.Value, cancellationToken);
            var outcome = await mediator.Send(ToCommand() with { FormToken = token, Photos = photos }, cancellationToken);
            if (outcome.Receipt is { } receipt)
            {
                Receipt = receipt;
                return Page();
            }

            if (outcome.AlreadySent)
            {
                AlreadySent = true;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            }

            RefuseForFindings(outcome.Findings);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        catch (RequestValidationException validation)
        {
            ShowErrors(validation, Text.ErrorFor);
            CheckDescription();
            SummariseFindings();
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
