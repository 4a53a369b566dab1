using System.Globalization;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Features.Summaries;
using Reporting.Features.Surveys;
using Reporting.Infrastructure.Pdf;

namespace Reporting.Features.SituationPictures;

/// <summary>
/// The yearly lokal lägesbild as a document: title page, the assessment in summary, the form's
/// reports for the year (tables and the two charts, from the yearly aggregation), each external
/// source with its figures, period and caveats, the assessment per environment with the
/// year-over-year figures, planned activities, and "Om underlaget". The same blocks become the
/// Word document (to edit for the nämnd) and the tagged PDF (to share). The shareable variant
/// suppresses small counts from the reports; neither variant holds report texts or references.
/// </summary>
public sealed class SituationPictureDocument(
    YearSummary summary,
    SituationPictureContent content,
    SurveyResults? survey,
    SummaryVariant variant,
    OrganisationProfile organisation,
    int suppressBelow,
    DateTimeOffset generatedAt,
    IReadOnlyDictionary<int, SituationPictureContent>? earlierYears = null)
{
    private readonly SmallCounts _counts = new(suppressBelow, variant == SummaryVariant.Shareable);

    public bool IsInternal => variant == SummaryVariant.Internal;

    public string VariantLabel => IsInternal ? "Intern" : "Delbar";

    public string Title => $"Lokal lägesbild {summary.Year} — våldsbejakande extremism";

    public PdfPageFrame Frame => new(
        $"{Title} ({VariantLabel.ToLowerInvariant()}) – {organisation.Name}",
        IsInternal ? Summaries.QuarterlySummaryDocument.OslMarking : "Delbar version – endast sammanställda uppgifter",
        $"Lokal lägesbild {summary.Year} · {VariantLabel} · {organisation.Name}");

    public IReadOnlyList<PdfBlock> Blocks()
    {
        var blocks = new List<PdfBlock>();
        TitlePage(blocks);
        blocks.Add(new PdfPageBreak());
        // What the nämnd reads first: the assessment and what it rests on; the tables of counts after.
        blocks.Add(new PdfHeading("Sammanfattning av bedömningen", 1));
        Text(blocks, content.Assessments.Overall, "Ingen samlad bedömning är skriven ännu.");
        AssessmentByEnvironment(blocks);
        blocks.Add(new PdfHeading("Planerade aktiviteter", 1));
        Text(blocks, content.Assessments.Activities, "Inga aktiviteter är planerade ännu.");
        Sources(blocks);
        TheSurvey(blocks);
        TheReports(blocks);
        AboutTheData(blocks);
        return blocks;
    }

    private void TitlePage(List<PdfBlock> blocks)
    {
        blocks.Add(new PdfParagraph(Title, PdfTextStyle.Title));
        blocks.Add(new PdfParagraph(organisation.Name, PdfTextStyle.Lead));
        blocks.Add(new PdfParagraph(
            $"År: {summary.Year}\n" +
            $"Datum: {TimeZoneInfo.ConvertTime(generatedAt, organisation.TimeZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\n" +
            $"Version: {VariantLabel}"));
        blocks.Add(new PdfParagraph(YearlySummaryDocument.VariantNote(IsInternal, _counts, suppressBelow)
            + " Lägesbilden bygger på formulärets rapporter och på de externa källor som samordnaren har fört in."));
    }

    private void TheReports(List<PdfBlock> blocks)
    {
        var figures = new YearFigures(summary, organisation, _counts, omitZeroRows: true);
        blocks.Add(new PdfHeading($"Formulärets rapporter {summary.Year}", 1));
        if (summary.Total == 0)
        {
            blocks.Add(new PdfParagraph("Inga rapporter kom in under året."));
        }

        figures.KeyFigures(blocks, level: 2);
        figures.Distributions(blocks, level: 2);
        figures.Charts(blocks, level: 2);
    }

    /// <summary>
    /// The year's staff survey, as a source of its own: counts per question (suppressed in the
    /// shareable variant as the results are), marked preliminary while it takes answers, with what
    /// it can and cannot show. Comments only in the internal variant.
    /// </summary>
    private void TheSurvey(List<PdfBlock> blocks)
    {
        blocks.Add(new PdfHeading($"Medarbetarenkät {summary.Year}", 1));
        if (survey is null)
        {
            blocks.Add(new PdfParagraph("Ingen medarbetarenkät är öppnad för året.", PdfTextStyle.Small));
            return;
        }

        var period = $"{survey.OpenedOn:yyyy-MM-dd} – {(survey.EndedOn is { } ended ? ended.AddDays(-1) : survey.ClosesOn):yyyy-MM-dd}";
        blocks.Add(new PdfParagraph(
            $"Typ av källa: {SourceKinds.Label("survey")}\nPeriod: {period}" + (survey.Preliminary ? "\nPreliminär: enkäten tar emot svar till och med " + survey.ClosesOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "." : string.Empty),
            PdfTextStyle.Small));
        var figures = new List<IReadOnlyList<string>> { new[] { "Svar", survey.Responses.ToString() } };
        if (survey.CodesIssued is { } issued)
        {
            figures.Add(["Utdelade koder", SmallCounts.Number(issued)]);
            figures.Add(["Svarsfrekvens", survey.ResponseRate is { } rate ? rate.ToString("P0", CultureInfo.GetCultureInfo("sv-SE")) : "visas inte"]);
        }

        blocks.Add(new PdfTable([new PdfColumn("Uppgift", 4), new PdfColumn("Antal", 1, AlignRight: true)], figures));
        if (survey.Answers is null || survey.ByUnit is null)
        {
            // Open, or closed with too few answers: the answers would point at the unit managers who gave them.
            blocks.Add(new PdfParagraph(
                survey.Preliminary
                    ? "Svaren redovisas när enkäten har stängt; till dess visas bara antalet svar."
                    : $"Svaren redovisas inte: färre än {SmallCounts.Number(suppressBelow)} verksamheter svarade, och så få svar kan peka ut vem som svarade.",
                PdfTextStyle.Small));
            Caveats(blocks, survey);
            return;
        }

        blocks.Add(new PdfHeading("Hur ofta verksamheterna har sett tecken, senaste tolv månaderna", 2));
        blocks.Add(new PdfTable(
            [new PdfColumn("Miljö", 3), .. SurveyQuestions.Frequency.Entries.Select(e => new PdfColumn(e.Label, 1, AlignRight: true))],
            [.. survey.Answers.Observed.Select(p => (IReadOnlyList<string>)[ReportCodes.Environment.Label(p.Key), .. SurveyQuestions.Frequency.Codes.Select(code => p.Value[code].ToString())])]));
        blocks.Add(new PdfHeading("Slag av iakttagelser", 2));
        blocks.Add(new PdfTable(
            [new PdfColumn("Iakttagelse", 4), new PdfColumn("Svar", 1, AlignRight: true)],
            [.. survey.Answers.Observations.Where(p => p.Value.Value > 0).Select(p => (IReadOnlyList<string>)[SurveyQuestions.Observations.Label(p.Key), p.Value.ToString()])]));
        blocks.Add(new PdfHeading("Personalens kunskap", 2));
        blocks.Add(new PdfTable(
            [new PdfColumn("Fråga", 3), new PdfColumn("Svar", 2), new PdfColumn("Antal", 1, AlignRight: true)],
            [
                .. survey.Answers.KnowsWhereToTurn.Select(p => (IReadOnlyList<string>)["Vet vart de ska vända sig", SurveyQuestions.KnowsWhereToTurn.Label(p.Key), p.Value.ToString()]),
                .. survey.Answers.Trained.Select(p => (IReadOnlyList<string>)["Har gått grundutbildningen", SurveyQuestions.Trained.Label(p.Key), p.Value.ToString()]),
            ]));
        blocks.Add(new PdfHeading("Svar per verksamhet", 2));
        blocks.Add(new PdfTable(
            [new PdfColumn("Verksamhet", 4), new PdfColumn("Svar", 1, AlignRight: true)],
            [.. survey.ByUnit.Select(p => (IReadOnlyList<string>)[organisation.UnitName(p.Key), p.Value.ToString()])]));
        if (survey.Comments is { Count: > 0 } comments)
        {
            blocks.Add(new PdfHeading("Kommentarer (intern version)", 2));
            blocks.AddRange(comments.Select(comment => new PdfParagraph(comment)));
        }

        Caveats(blocks, survey);
    }

    private static void Caveats(List<PdfBlock> blocks, SurveyResults survey)
    {
        blocks.Add(new PdfHeading("Vad enkäten kan och inte kan visa", 2));
        blocks.Add(new PdfParagraph(
            $"Enkäten besvarades av verksamheterna själva: {survey.Responses} svar" +
            (survey.CodesIssued is { } codes ? $" av {SmallCounts.Number(codes)} utdelade koder" : " via en öppen länk, så hur många som kunde ha svarat är okänt") +
            ". Svaren är självskattade och visar vad de som svarade har lagt märke till och minns, inte hur mycket som har hänt. " +
            "Verksamheter som inte svarade syns inte, och en verksamhet kan ha svarat flera gånger om flera chefer fick koder. Enkäten är anonym och kan inte kopplas till formulärets rapporter."));
    }

    private void Sources(List<PdfBlock> blocks)
    {
        blocks.Add(new PdfHeading("Externa källor", 1));
        if (content.Sources.Count == 0)
        {
            blocks.Add(new PdfParagraph("Inga externa källor är införda."));
            return;
        }

        foreach (var source in content.Sources)
        {
            blocks.Add(new PdfHeading(source.Name, 2));
            blocks.Add(new PdfParagraph($"Typ av källa: {SourceKinds.Label(source.Kind)}\nPeriod: {source.Period ?? "ej angiven"}", PdfTextStyle.Small));
            if (source.Figures.Count > 0)
            {
                blocks.Add(new PdfTable(
                    [new PdfColumn("Uppgift", 4), new PdfColumn("Antal", 1, AlignRight: true)],
                    [.. source.Figures.Select(f => (IReadOnlyList<string>)[f.Label, f.Value is { } value ? (source.Published ? SmallCounts.Number(value) : _counts.Format(value)) : "–"])]));
            }

            if (source.Text is { } text)
            {
                blocks.Add(new PdfParagraph(text));
            }

            Trend(blocks, source);
            blocks.Add(new PdfHeading("Vad källan kan och inte kan visa", 3));
            blocks.Add(new PdfParagraph(source.Caveats ?? "Inga förbehåll är angivna."));
        }
    }

    /// <summary>The source's figures in the years before, when earlier pictures have the same source; the caveat follows it.</summary>
    private void Trend(List<PdfBlock> blocks, ExternalSource source)
    {
        if (earlierYears is null || SourceTrend.For(source, summary.Year, earlierYears, content) is not { } trend)
        {
            return;
        }

        blocks.Add(new PdfHeading($"Utveckling {trend.Years[0]}–{trend.Years[^1]}", 3));
        blocks.Add(new PdfTable(
            [new PdfColumn("Uppgift", 3), .. trend.Years.Select(y => new PdfColumn(y.ToString(CultureInfo.InvariantCulture), 1, AlignRight: true))],
            [.. trend.Rows.Select(r => (IReadOnlyList<string>)[r.Label, .. r.Values.Select(v => v is { } value ? (source.Published ? SmallCounts.Number(value) : _counts.Format(value)) : "–")])]));
        blocks.Add(new PdfParagraph("Siffrorna är de som fördes in för källan i respektive års lägesbild. Om källan har ändrat hur den räknar mellan åren går åren inte att jämföra rakt av; se förbehållen nedan.", PdfTextStyle.Small));
    }

    private void AssessmentByEnvironment(List<PdfBlock> blocks)
    {
        var tables = new SummaryTables(_counts);
        blocks.Add(new PdfHeading("Bedömning per miljö", 1));
        foreach (var (_, environment, heading, text) in content.Assessments.Parts().Where(p => p.Environment is not null))
        {
            var now = summary.ByEnvironment.GetValueOrDefault(environment!);
            var before = summary.PreviousYearByEnvironment.GetValueOrDefault(environment!);
            blocks.Add(new PdfHeading(heading, 2));
            blocks.Add(new PdfTable(
                [
                    new PdfColumn("Formulärets rapporter", 3), new PdfColumn((summary.Year - 1).ToString(CultureInfo.InvariantCulture), 1, AlignRight: true),
                    new PdfColumn(summary.Year.ToString(CultureInfo.InvariantCulture), 1, AlignRight: true), new PdfColumn("Förändring", 2, AlignRight: true),
                ],
                [["Rapporter", _counts.Format(before), _counts.Format(now), tables.Change(now, before)]]));
            Text(blocks, text, "Ingen bedömning är skriven för miljön ännu.");
        }
    }

    private static void AboutTheData(List<PdfBlock> blocks)
    {
        blocks.Add(new PdfHeading("Om underlaget", 1));
        foreach (var paragraph in YearlySummaryDocument.AboutTheReports(0).Skip(1))
        {
            blocks.Add(new PdfParagraph(paragraph));
        }

        blocks.Add(new PdfParagraph(
            "Formulärets siffror räknas ur tjänstens rapporter för året. De externa källornas siffror har samordnaren fört in från respektive källa; vad varje källa kan och inte kan visa står under källan. " +
            "Källorna mäter olika saker på olika sätt och kan inte läggas ihop. Bedömningarna är samordnarens, gjorda utifrån hela underlaget."));
    }

    /// <summary>A written text, paragraph by paragraph, or what stands in for it while it is not written.</summary>
    private static void Text(List<PdfBlock> blocks, string? text, string missing)
    {
        if (text is null)
        {
            blocks.Add(new PdfParagraph(missing, PdfTextStyle.Small));
            return;
        }

        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            blocks.Add(new PdfParagraph(paragraph));
        }
    }
}
