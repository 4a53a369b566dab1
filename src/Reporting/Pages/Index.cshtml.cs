using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Identifiers;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Features.StaffForm;
using Reporting.Pipeline;

namespace Reporting.Pages;

/// <summary>
/// The staff form at <c>/</c>. It posts without script: the same command as <c>POST /api/reports</c>
/// (same validation, same identifier check), and the answer is this page again with errors and
/// findings, or the receipt. Controls carry the JSON property names and codes.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.Intake)]
public sealed class IndexModel(IMediator mediator, IdentifierScanner scanner, OrganisationProfile organisation) : FormPage
{
    [BindProperty(Name = "kind")] public string? Kind { get; set; }

    [BindProperty(Name = "occurredOn")] public string? OccurredOn { get; set; }

    [BindProperty(Name = "unit")] public string? Unit { get; set; }

    [BindProperty(Name = "area")] public string? Area { get; set; }

    [BindProperty(Name = "environment")] public string? Environment { get; set; }

    [BindProperty(Name = "observations")] public List<string> Observations { get; set; } = [];

    [BindProperty(Name = "placeCategory")] public string? PlaceCategory { get; set; }

    [BindProperty(Name = "ageGroup")] public string? AgeGroup { get; set; }

    [BindProperty(Name = "gender")] public string? Gender { get; set; }

    [BindProperty(Name = "peopleInvolved")] public string? PeopleInvolved { get; set; }

    [BindProperty(Name = "actionsTaken")] public List<string> ActionsTaken { get; set; } = [];

    [BindProperty(Name = "description")] public string? Description { get; set; }

    [BindProperty(Name = "reporterContact")] public string? ReporterContact { get; set; }

    [BindProperty(Name = "confirmNoIdentifiers")] public bool ConfirmNoIdentifiers { get; set; }

    /// <summary>A no-script "replace with placeholder" button: "start:end" of the finding to replace.</summary>
    [BindProperty(Name = "replace")] public string? Replace { get; set; }

    [FromQuery(Name = "lang")] public string? Lang { get; set; }

    public FormText Text => FormText.For(Lang);

    public OrganisationProfile Organisation => organisation;

    public string Today => organisation.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public IReadOnlyList<IdentifierFinding> Findings { get; private set; } = [];

    public ReportReceipt? Receipt { get; private set; }

    public string FormAction => Text.IsEnglish ? "/?lang=en" : "/";

    public void OnGet()
    {
        Area ??= ReportCodes.Unknown;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Replace is not null)
        {
            ReplaceFinding(Replace);
            Findings = scanner.Scan(Description ?? string.Empty);
            return Page();
        }

        try
        {
            var outcome = await mediator.Send(ToCommand(), cancellationToken);
            if (outcome.Receipt is { } receipt)
            {
                Receipt = receipt;
                return Page();
            }

            Findings = outcome.Findings;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        catch (RequestValidationException validation)
        {
            ShowErrors(validation, Text.ErrorFor);

            Findings = string.IsNullOrWhiteSpace(Description) ? [] : scanner.Scan(Description);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public bool IsChecked(List<string> values, string code) => values.Contains(code, StringComparer.Ordinal);

    /// <summary>"…text before [found] text after…" for a finding, so the reporter sees where it is.</summary>
    public (string Before, string Found, string After) Excerpt(IdentifierFinding finding)
    {
        var text = Description ?? string.Empty;
        var from = Math.Max(0, finding.Start - 25);
        var to = Math.Min(text.Length, finding.End + 25);
        return ((from > 0 ? "…" : string.Empty) + text[from..finding.Start], text[finding.Start..finding.End], text[finding.End..to] + (to < text.Length ? "…" : string.Empty));
    }

    private SubmitReportCommand ToCommand() => new(
        Kind: Empty(Kind),
        OccurredOn: Empty(OccurredOn),
        Unit: Empty(Unit),
        Area: Empty(Area),
        Environment: Empty(Environment),
        Observations: Observations,
        PlaceCategory: Empty(PlaceCategory),
        AgeGroup: Empty(AgeGroup),
        Gender: Empty(Gender),
        PeopleInvolved: Empty(PeopleInvolved),
        ActionsTaken: ActionsTaken,
        Description: Description,
        ReporterContact: Empty(ReporterContact),
        ConfirmNoIdentifiers: ConfirmNoIdentifiers);

    /// <summary>Replaces a finding the check itself reports for this text; anything else is ignored.</summary>
    private void ReplaceFinding(string range)
    {
        var text = Description ?? string.Empty;
        var parts = range.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var start) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var end))
        {
            return;
        }

        var finding = scanner.Scan(text).FirstOrDefault(f => f.Start == start && f.End == end);
        if (finding is not null)
        {
            Description = text[..start] + IdentifierKinds.Placeholder(finding.Kind) + text[end..];
        }
    }
}
