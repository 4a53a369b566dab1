using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Identifiers;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Pages.StaffForm;

namespace Reporting.Pages;

/// <summary>
/// The report's fields as a page posts them, for the staff form and the coordinator's "Registrera
/// rapport" alike: the same controls (the JSON property names and codes), the same command, the same
/// identifier check shown in place with a no-script "replace with placeholder" button.
/// </summary>
public abstract class ReportFormPage(IdentifierScanner scanner, OrganisationProfile organisation, ClosedQuestions questions) : FormPage
{
    [BindProperty(Name = "kind")] public string? Kind { get; set; }

    [BindProperty(Name = "occurredOn")] public string? OccurredOn { get; set; }

    [BindProperty(Name = "unit")] public string? Unit { get; set; }

    [BindProperty(Name = "area")] public string? Area { get; set; }

    [BindProperty(Name = "environment")] public string? Environment { get; set; }

    [BindProperty(Name = "observations")] public List<string> Observations { get; set; } = [];

    /// <summary>Symbols from the catalogue (the question "Vilka symboler?").</summary>
    [BindProperty(Name = "symbols")] public List<string> SymbolCodes { get; set; } = [];

    [BindProperty(Name = "description")] public string? Description { get; set; }

    [BindProperty(Name = "reporterContact")] public string? ReporterContact { get; set; }

    [BindProperty(Name = "confirmNoIdentifiers")] public bool ConfirmNoIdentifiers { get; set; }

    /// <summary>A no-script "replace with placeholder" button: "start:end" of the finding to replace.</summary>
    [BindProperty(Name = "replace")] public string? Replace { get; set; }

    public abstract FormText Text { get; }

    /// <summary>The staff form asks for the reporter's own contact; a coordinator registering a report does not.</summary>
    public virtual bool AsksForContact => true;

    /// <summary>The staff form takes photos (when <c>Attachments:Enabled</c>); registering a report does not.</summary>
    public virtual bool AcceptsPhotos => false;

    public virtual int MaxPhotos => 0;

    /// <summary>A refused post had photos: a browser cannot keep a file field's choice, so the reporter is asked to choose them again.</summary>
    public bool PhotosWereAttached { get; protected set; }

    public OrganisationProfile Organisation => organisation;

    /// <summary>The förvaltning the form reports to: its name, units and areas.</summary>
    public abstract Features.Administrations.Administration FormAdministration { get; }

    /// <summary>The administration's code for the command: named when several are configured (and required then), else nothing, as before.</summary>
    protected abstract string? AdministrationForCommand { get; }

    /// <summary>The optional closed questions, each a control named as its JSON property.</summary>
    public ClosedQuestions Questions => questions;

    /// <summary>The codes posted for a question (none before a post): the form is shown again as it was sent.</summary>
    public IReadOnlyList<string> Chosen(ClosedQuestion question) =>
        HttpMethods.IsPost(Request.Method) && Request.HasFormContentType
            ? [.. Request.Form[question.Name].OfType<string>().Where(code => code.Length > 0)]
            : [];

    public string Today => organisation.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public IReadOnlyList<IdentifierFinding> Findings { get; protected set; } = [];

    public bool IsChecked(List<string> values, string code) => values.Contains(code, StringComparer.Ordinal);

    /// <summary>The identifier check beside the description.</summary>
    public IdentifierCheckBox DescriptionCheck =>
        new("description", Description, Findings, Text, Text["findings.heading"], Text["findings.blockingExplained"], ConfirmNoIdentifiers);

    /// <summary>The check's findings for the description as it stands (after a refused post).</summary>
    protected void CheckDescription() => Findings = string.IsNullOrWhiteSpace(Description) ? [] : scanner.Scan(Description);

    /// <summary>
    /// A post refused for what the description holds: the findings, and a line in the error summary at
    /// the top of the page that links to them (they are far below on a phone).
    /// </summary>
    protected void RefuseForFindings(IReadOnlyList<IdentifierFinding> findings)
    {
        Findings = findings;
        SummariseFindings();
    }

    /// <summary>Adds the findings, if any, to the error summary.</summary>
    protected void SummariseFindings()
    {
        if (Findings.Count > 0)
        {
            Errors.TryAdd(FindingsAnchor, DescriptionCheck.MayConfirm ? Text["summary.findingsWarning"] : Text["summary.findingsBlocking"]);
        }
    }

    /// <summary>The id the error summary links to for the findings.</summary>
    public const string FindingsAnchor = "findings";

    protected SubmitReportCommand ToCommand() => new(
        Kind: Empty(Kind),
        OccurredOn: Empty(OccurredOn),
        Unit: Empty(Unit),
        Area: Empty(Area),
        Environment: Empty(Environment),
        Observations: Observations,
        PlaceCategory: One(ClosedQuestions.PlaceCategory),
        AgeGroup: One(ClosedQuestions.AgeGroup),
        Gender: One(ClosedQuestions.Gender),
        PeopleInvolved: One(ClosedQuestions.PeopleInvolved),
        ActionsTaken: Chosen(ClosedQuestions.ActionsTaken),
        Description: Description,
        ReporterContact: AsksForContact ? Empty(ReporterContact) : null,
        ConfirmNoIdentifiers: ConfirmNoIdentifiers)
    {
        Symbols = SymbolCodes,
        Administration = AdministrationForCommand,
        OtherAnswers = questions.Where(q => q.IsOther && Chosen(q).Count > 0).ToDictionary(q => q.Name, q => (IReadOnlyList<string?>?)Chosen(q), StringComparer.Ordinal),
    };

    /// <summary>A single choice as posted: null when unanswered (a tampered post with two is refused by the validator).</summary>
    private string? One(ClosedQuestion question) => Chosen(question) switch
    {
        [] => null,
        [var code] => code,
        var codes => string.Join(',', codes),
    };

    /// <summary>Replaces a finding the check itself reports for this text (anything else is ignored); true when the post was such a button.</summary>
    protected bool TryReplaceFinding()
    {
        if (Replace is not { } range)
        {
            return false;
        }

        Description = IdentifierCheckBox.Replace(scanner, Description, range);
        CheckDescription();
        return true;
    }
}
