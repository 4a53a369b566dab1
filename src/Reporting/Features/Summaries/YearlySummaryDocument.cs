using System.Globalization;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Pdf;

namespace Reporting.Features.Summaries;

/// <summary>
/// The yearly summary as a document: cover, key figures against last year, distributions, the
/// charts (by quarter, and five years by environment), and "Om underlaget". It carries counts
/// only, in both variants: the internal one prints every number, the shareable one suppresses
/// small counts as the quarterly PDF does. The quarterly internal PDFs hold the reports' texts.
/// </summary>
public sealed class YearlySummaryDocument(
    YearSummary summary,
    SummaryVariant variant,
    OrganisationProfile organisation,
    int suppressBelow,
    DateTimeOffset generatedAt)
{
    public const string Title = "Årssammanställning — rapporter om oro och händelser kopplade till våldsbejakande extremism";

    private readonly SmallCounts _counts = new(suppressBelow, variant == SummaryVariant.Shareable);

    public bool IsInternal => variant == SummaryVariant.Internal;

    public string VariantLabel => IsInternal ? "Intern" : "Delbar";

    public byte[] Render() => PdfComposer.Render(
        new PdfPageFrame(
            $"Årssammanställning {summary.Year} ({VariantLabel.ToLowerInvariant()}) – {organisation.Name}",
            IsInternal ? QuarterlySummaryDocument.OslMarking : "Delbar version – endast sammanställda uppgifter",
            $"Årssammanställning {summary.Year} · {VariantLabel} · {organisation.Name}"),
        Blocks());

    public IReadOnlyList<PdfBlock> Blocks()
    {
        var figures = new YearFigures(summary, organisation, _counts);
        var blocks = new List<PdfBlock>();
        blocks.Add(new PdfParagraph(Title, PdfTextStyle.Title));
        blocks.Add(new PdfParagraph(organisation.Name, PdfTextStyle.Lead));
        blocks.Add(new PdfParagraph(
            $"Period: 1 januari – 31 december {summary.Year}\n" +
            $"Skapad: {TimeZoneInfo.ConvertTime(generatedAt, organisation.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}\n" +
            $"Version: {VariantLabel}"));
        blocks.Add(new PdfParagraph(VariantNote(IsInternal, _counts, suppressBelow)));
        if (summary.Total == 0)
        {
            blocks.Add(new PdfParagraph("Inga rapporter kom in under året. Tabellerna nedan visar därför bara nollor.", PdfTextStyle.Lead));
        }

        blocks.Add(new PdfPageBreak());
        figures.KeyFigures(blocks);
        figures.Distributions(blocks);
        figures.Charts(blocks);
        blocks.Add(new PdfHeading("Om underlaget", 1));
        foreach (var paragraph in AboutTheReports(summary.Year))
        {
            blocks.Add(new PdfParagraph(paragraph));
        }

        return blocks;
    }

    /// <summary>What the variant holds, for the cover.</summary>
    public static string VariantNote(bool isInternal, SmallCounts counts, int suppressBelow) => isInternal
        ? "Intern version. Visar alla antal. Lämnas inte ut utan sekretessprövning enligt offentlighets- och sekretesslagen (OSL)."
        : $"Delbar version. Innehåller bara sammanställda antal, inga beskrivningar och inga referenser. Antal från 1 till {suppressBelow - 1} visas som \"{counts.Small}\" så att enskilda personer inte ska kunna pekas ut; där ett sådant antal annars skulle gå att räkna fram ur en summa är även ett annat antal dolt och visas som \"{SmallCounts.Complementary}\". Diagrammen visar inte dolda antal.";

    /// <summary>What the form's figures are and are not (the yearly summary and the situation picture say the same).</summary>
    public static IReadOnlyList<string> AboutTheReports(int year) =>
    [
        $"Siffrorna bygger på rapporter som medarbetare i förvaltningens verksamheter har lämnat i formuläret för oidentifierad information om oro och händelser kopplade till våldsbejakande extremism, och på rapporter som samordnaren har registrerat efter samtal, möten, brev eller e-post. En rapport räknas till det år, kvartal och den månad då den kom in ({year}).",
        "Underlaget visar vad medarbetare har uppmärksammat och valt att rapportera. Det är inte en fullständig bild av alla händelser: antalet påverkas av kännedom om formuläret, uppmärksamhet och rapporteringsvilja. Rapporter om samma händelse räknas en gång som händelse; miljön är samordnarens bedömning där en sådan finns.",
        "Det är inte polisens statistik och inte en bedömning av brott eller hot. Rapporterna är avidentifierade och innehåller inga personuppgifter om de personer som beskrivs.",
    ];
}
