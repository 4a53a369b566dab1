using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;
using Reporting.Features.Identifiers;
using Reporting.Features.Organisation;
using Reporting.Features.SituationPictures;
using Reporting.Features.Summaries;
using Reporting.Pipeline;

namespace Reporting.Pages.Coordinators;

/// <summary>
/// "Lägesbild": the year's situation picture to work on without script. Every saved source is shown
/// with room for two more figures, and one empty source is offered for adding; a source is removed
/// with its checkbox. Saving is the same use case as <c>PUT /api/situation-pictures/{year}</c>, with
/// the version read, so a colleague's save in between is reported instead of overwritten.
/// </summary>
public sealed class SituationPictureModel(IMediator mediator, OrganisationProfile organisation, Microsoft.Extensions.Options.IOptions<SummariesOptions> summaries) : CoordinatorPage
{
    public const int EmptyFigureRows = 2;

    /// <summary>Counts below this are shown as "&lt;N" in the shareable variant.</summary>
    public int SuppressBelow => summaries.Value.SuppressBelow;

    [BindProperty(SupportsGet = true, Name = "ar")] public string? YearText { get; set; }

    [BindProperty] public int Version { get; set; }

    [BindProperty] public List<SourceInput> Sources { get; set; } = [];

    [BindProperty] public SituationAssessments Assessments { get; set; } = SituationAssessments.Empty;

    [BindProperty] public bool ConfirmNoIdentifiers { get; set; }

    /// <summary>A no-script "add" button: <c>source</c>, or <c>figure:N</c> for a row in source N. Adds room and saves nothing.</summary>
    [BindProperty(Name = "add")] public string? Add { get; set; }

    /// <summary>A source's "read the file" button: its index. Reads the file into that source's figures for review; saves nothing.</summary>
    [BindProperty(Name = "import")] public int? Import { get; set; }

    /// <summary>What the last file import read, in words.</summary>
    public string? Imported { get; private set; }

    /// <summary>The form's reports this year and last, per environment, shown beside each assessment.</summary>
    public SituationPictureReportCounts? Reports { get; private set; }

    public int Year { get; private set; }

    public int? OfferedFromYear { get; private set; }

    public SituationPictureSurvey? Survey { get; private set; }

    public IReadOnlyList<SituationPictureChange> History { get; private set; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<IdentifierFinding>> Findings { get; private set; } = new Dictionary<string, IReadOnlyList<IdentifierFinding>>();

    public bool OnlyWarnings => Findings.Count > 0 && Findings.Values.SelectMany(f => f).All(f => !f.Blocking);

    public bool Saved { get; private set; }

    public IReadOnlyList<int> Years => [.. Enumerable.Range(0, 5).Select(i => organisation.Today().Year - i)];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ReadYear())
        {
            return Page();
        }

        Saved = Request.Query.ContainsKey("sparat");
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ReadYear())
        {
            return Page();
        }

        if (Add is { } add)
        {
            // Room for one more source or figure row, with everything typed kept; nothing is saved.
            await ShowAsync(cancellationToken);
            AddRoom(add);
            return Page();
        }

        if (Import is { } import)
        {
            await ImportAsync(import, cancellationToken);
            await ShowAsync(cancellationToken);
            return Page();
        }

        var request = ToRequest();
        if (Errors.Count == 0)
        {
            try
            {
                var outcome = await mediator.Send(new SaveSituationPictureCommand(User.Name(), Year, request), cancellationToken);
                switch (outcome.Result)
                {
                    case SaveSituationPictureResult.Saved:
                        return Redirect($"/samordnare/lagesbild?ar={Year}&sparat=1");
                    case SaveSituationPictureResult.StaleVersion:
                        Errors["version"] = "Någon annan har sparat lägesbilden medan du skrev. Dina ändringar finns kvar i formuläret: kopiera det du skrivit, öppna sidan på nytt och för in det igen.";
                        Response.StatusCode = StatusCodes.Status409Conflict;
                        break;
                    default:
                        Findings = outcome.Findings!;
                        foreach (var (field, findings) in Findings)
                        {
                            Errors.TryAdd(field, Describe(findings));
                        }

                        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                        break;
                }
            }
            catch (RequestValidationException validation)
            {
                foreach (var (field, messages) in validation.Errors)
                {
                    Errors.TryAdd(field, messages.FirstOrDefault() ?? "Ogiltigt värde.");
                }

                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await ShowAsync(cancellationToken);
        return Page();
    }

    /// <summary>What was typed stays; the year's survey, counts and history are shown as on a first read.</summary>
    private async Task ShowAsync(CancellationToken cancellationToken)
    {
        var view = await mediator.Send(new GetSituationPictureQuery(User.Name(), Year), cancellationToken);
        History = view.History;
        Survey = view.Survey;
        Reports = view.Reports;
        PadForms();
    }

    /// <summary>The source's file read into its figures with the mapping used shown; a refusal names the row and column beside the file field.</summary>
    private async Task ImportAsync(int index, CancellationToken cancellationToken)
    {
        if (index < 0 || index >= Sources.Count)
        {
            return;
        }

        var source = Sources[index];
        var prefix = $"sources[{index}]";
        if (source.File is not { Length: > 0 } file)
        {
            Errors[prefix + ".file"] = "Välj en CSV- eller Excel-fil (xlsx).";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (file.Length > SourceFile.MaxBytes)
        {
            Errors[prefix + ".file"] = $"Filen är större än {SourceFile.MaxBytes / 1024 / 1024} MB.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var memory = new MemoryStream();
        await file.CopyToAsync(memory, cancellationToken);
        var mapping = Empty(source.LabelColumn) is { } label && Empty(source.ValueColumn) is { } value ? new SourceMapping(label, value) : null;
        try
        {
            var imported = await mediator.Send(
                new ImportSourceFiguresQuery(User.Name(), Year, memory.ToArray(), source.Kind, Empty(source.Name), mapping), cancellationToken);
            source.Figures = [.. imported.Figures.Select(f => new FigureInput { Label = f.Label, Value = f.Value?.ToString(CultureInfo.InvariantCulture) })];
            source.LabelColumn = imported.Mapping.Label;
            source.ValueColumn = imported.Mapping.Value;
            var from = imported.MappingFrom switch
            {
                "remembered" => "som förra gången",
                "guessed" => "gissade av tjänsten",
                _ => "som du angav",
            };
            Imported = $"{imported.Figures.Count} siffror inlästa till {(string.IsNullOrWhiteSpace(source.Name) ? "källan" : source.Name)} ur kolumnerna \"{imported.Mapping.Label}\" och \"{imported.Mapping.Value}\" ({from}). Granska dem och spara lägesbilden.";
        }
        catch (RequestValidationException validation)
        {
            foreach (var (field, messages) in validation.Errors)
            {
                var key = field.StartsWith("mapping", StringComparison.Ordinal) ? prefix + ".mapping" : field is "file" ? prefix + ".file" : prefix + "." + field;
                Errors.TryAdd(key, messages.FirstOrDefault() ?? "Ogiltigt värde.");
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    private void AddRoom(string add)
    {
        if (add == "source")
        {
            Sources.Add(new SourceInput { Kind = "other", Figures = [new FigureInput(), new FigureInput()] });
        }
        else if (add.StartsWith("figure:", StringComparison.Ordinal)
            && int.TryParse(add["figure:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < Sources.Count)
        {
            (Sources[index].Figures ??= []).Add(new FigureInput());
        }
    }

    private bool ReadYear()
    {
        var text = YearText ?? organisation.Today().Year.ToString(CultureInfo.InvariantCulture);
        if (SummaryYears.TryParse(text, out var year) && SummaryYears.IsValid(year, organisation))
        {
            Year = year;
            return true;
        }

        Errors["ar"] = SummaryYears.Message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return false;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var view = await mediator.Send(new GetSituationPictureQuery(User.Name(), Year), cancellationToken);
        Version = view.Version;
        OfferedFromYear = view.OfferedFromYear;
        Survey = view.Survey;
        History = view.History;
        Reports = view.Reports;
        Assessments = view.Assessments;
        Sources = [.. view.Sources.Select(s => new SourceInput
        {
            Name = s.Name,
            Kind = s.Kind,
            Period = s.Period,
            Text = s.Text,
            Caveats = s.Caveats,
            Published = s.Published,
            LabelColumn = s.Mapping?.Label,
            ValueColumn = s.Mapping?.Value,
            Figures = [.. s.Figures.Select(f => new FigureInput { Label = f.Label, Value = f.Value?.ToString(CultureInfo.InvariantCulture) })],
        })];
        PadForms();
    }

    /// <summary>Room to add without script: two empty figure rows per source and one empty source.</summary>
    private void PadForms()
    {
        if (Sources.Count == 0 || !Sources[^1].IsBlank)
        {
            Sources.Add(new SourceInput { Kind = "other" });
        }

        foreach (var source in Sources)
        {
            source.Figures ??= [];
            while (source.Figures.Count(f => f.IsBlank) < EmptyFigureRows)
            {
                source.Figures.Add(new FigureInput());
            }
        }
    }

    /// <summary>The form as the API's request: blank rows and removed sources left out, field names as the API gives them.</summary>
    private SaveSituationPictureRequest ToRequest()
    {
        var sources = new List<SourceRequest>();
        foreach (var source in Sources.Where(s => !s.Remove && !s.IsBlank))
        {
            var index = sources.Count;
            var figures = new List<FigureRequest>();
            foreach (var figure in (source.Figures ?? []).Where(f => !f.IsBlank))
            {
                int? value = null;
                if (Empty(figure.Value) is { } text)
                {
                    if (int.TryParse(text.Replace(" ", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                    {
                        value = parsed;
                    }
                    else
                    {
                        Errors.TryAdd($"sources[{index}].figures[{figures.Count}].value", "Ange antalet som ett heltal, noll eller större.");
                    }
                }

                figures.Add(new FigureRequest(Empty(figure.Label), value));
            }

            var mapping = Empty(source.LabelColumn) is { } labelColumn && Empty(source.ValueColumn) is { } valueColumn ? new SourceMapping(labelColumn, valueColumn) : null;
            sources.Add(new SourceRequest(Empty(source.Name), source.Kind, Empty(source.Period), figures, Empty(source.Text), Empty(source.Caveats), source.Published, mapping));
        }

        // What was refused is shown again as typed, in the order the field names count it.
        Sources = [.. Sources.Where(s => !s.Remove && !s.IsBlank)];
        foreach (var source in Sources)
        {
            source.Figures = [.. (source.Figures ?? []).Where(f => !f.IsBlank)];
        }

        return new SaveSituationPictureRequest(Year, Version, sources, Assessments, ConfirmNoIdentifiers);
    }

    private static string Describe(IReadOnlyList<IdentifierFinding> findings) =>
        findings.Any(f => f.Blocking)
            ? "Texten innehåller uppgifter som identifierar någon (till exempel personnummer, telefonnummer eller e-postadress). Ta bort dem."
            : "Texten kan identifiera någon (till exempel ett namn eller en adress). Ta bort det, eller bekräfta nedan att ingen kan identifieras.";

    public sealed class SourceInput
    {
        public string? Name { get; set; }

        public string? Kind { get; set; }

        public string? Period { get; set; }

        public List<FigureInput>? Figures { get; set; } = [];

        public string? Text { get; set; }

        public string? Caveats { get; set; }

        public bool Published { get; set; }

        public bool Remove { get; set; }

        /// <summary>A file to read the figures from (the import button), never kept.</summary>
        public IFormFile? File { get; set; }

        public string? LabelColumn { get; set; }

        public string? ValueColumn { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Period) && string.IsNullOrWhiteSpace(Text)
            && string.IsNullOrWhiteSpace(Caveats) && (Figures ?? []).All(f => f.IsBlank);
    }

    public sealed class FigureInput
    {
        public string? Label { get; set; }

        public string? Value { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Label) && string.IsNullOrWhiteSpace(Value);
    }
}
