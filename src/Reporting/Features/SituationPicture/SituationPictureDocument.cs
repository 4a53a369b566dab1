using System.Globalization;
using Reporting.Features.Organisation;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Pdf;

namespace Reporting.Features.SituationPicture;

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
    SummaryVariant variant,
    OrganisationProfile organisation,
    int suppressBelow,
    DateTimeOffset generatedAt)
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
        blocks.Add(new PdfHeading("Sammanfattning av bedömningen", 1));
        Text(blocks, content.Assessments.Overall, "Ingen samlad bedömning är skriven ännu.");
        TheReports(blocks);
        Sources(blocks);
        AssessmentByEnvironment(blocks);
        blocks.Add(new PdfHeading("Planerade aktiviteter", 1));
        Text(blocks, content.Assessments.Activities, "Inga aktiviteter är planerade ännu.");
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
        var figures = new YearFigures(summary, organisation, _counts);
        blocks.Add(new PdfHeading($"Formulärets rapporter {summary.Year}", 1));
        if (summary.Total == 0)
        {
            blocks.Add(new PdfParagraph("Inga rapporter kom in under året."));
        }

        figures.KeyFigures(blocks, level: 2);
        figures.Distributions(blocks, level: 2);
        figures.Charts(blocks, level: 2);
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
                    [.. source.Figures.Select(f => (IReadOnlyList<string>)[f.Label, f.Value is { } value ? SmallCounts.Number(value) : "–"])]));
            }

            if (source.Text is { } text)
            {
                blocks.Add(new PdfParagraph(text));
            }

            blocks.Add(new PdfHeading("Vad källan kan och inte kan visa", 3));
            blocks.Add(new PdfParagraph(source.Caveats ?? "Inga förbehåll är angivna."));
        }
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
