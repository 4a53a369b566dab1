using System.Globalization;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Pdf;
using Reporting.Features.Organisation;

namespace Reporting.Features.Summaries;

/// <summary>Which printed version: everything (internal) or aggregates with small counts suppressed (shareable).</summary>
/// <summary>"internal" or "shareable", as the API and the command line write it.</summary>
public static class SummaryVariants
{
    /// <summary>The default is internal, as for the command line; anything else is a 400 naming the field.</summary>
    public static SummaryVariant Parse(string? value) => value switch
    {
        null or "" or "internal" => SummaryVariant.Internal,
        "shareable" => SummaryVariant.Shareable,
        _ => throw Pipeline.RequestValidationException.For("variant", "Use 'internal' or 'shareable'."),
    };
}

public enum SummaryVariant
{
    Internal,
    Shareable,
}

/// <summary>
/// The quarterly summary as a document (PRODUCT.md "Quarterly summary PDF"): cover, key figures,
/// tables, charts, the internal list of reports, and "Om underlaget". Describes content only; the
/// PDF layer (Infrastructure/Pdf) lays it out and draws it.
/// </summary>
public sealed class QuarterlySummaryDocument(
    QuarterSummary summary,
    IReadOnlyList<QuarterReportLine> reports,
    SummaryVariant variant,
    OrganisationProfile organisation,
    int suppressBelow,
    DateTimeOffset generatedAt)
{
    public const string OslMarking = "Innehåller uppgifter som kan omfattas av sekretess enligt OSL";
    public const string Title = "Kvartalssammanställning — rapporter om oro och händelser kopplade till våldsbejakande extremism";

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");
    private readonly SmallCounts _counts = new(suppressBelow, variant == SummaryVariant.Shareable);
    private SummaryTables Tables => new(_counts);
    private readonly Quarter _quarter = Quarter.TryParse(summary.Quarter, out var q) ? q : throw new ArgumentException("Not a quarter.", nameof(summary));

    public bool IsInternal => variant == SummaryVariant.Internal;

    public string VariantLabel => IsInternal ? "Intern" : "Delbar";

    public byte[] Render() => PdfComposer.Render(
        new PdfPageFrame(
            $"Kvartalssammanställning {summary.Quarter} ({VariantLabel.ToLowerInvariant()}) – {organisation.Name}",
            IsInternal ? OslMarking : "Delbar version – endast sammanställda uppgifter",
            $"Kvartalssammanställning {summary.Quarter} · {VariantLabel} · {organisation.Name}"),
        Blocks());

    public IReadOnlyList<PdfBlock> Blocks()
    {
        var blocks = new List<PdfBlock>();
        Cover(blocks);
        blocks.Add(new PdfPageBreak());
        KeyFigures(blocks);
        Distributions(blocks);
        Charts(blocks);
        if (IsInternal)
        {
            ReportList(blocks);
            blocks.Add(new PdfPageBreak(Landscape: false));
        }

        AboutTheData(blocks);
        return blocks;
    }

    /// <summary>"2026 kvartal 3, 1 juli – 30 september 2026".</summary>
    public static string Period(Quarter quarter) =>
        $"{quarter.Year} kvartal {quarter.Number}, {quarter.FirstDay.ToString("d MMMM", Swedish)} – {quarter.LastDay.ToString("d MMMM yyyy", Swedish)}";

    private void Cover(List<PdfBlock> blocks)
    {
        blocks.Add(new PdfParagraph(Title, PdfTextStyle.Title));
        blocks.Add(new PdfParagraph(organisation.Name, PdfTextStyle.Lead));
        blocks.Add(new PdfParagraph(
            $"Period: {Period(_quarter)}\n" +
            $"Skapad: {TimeZoneInfo.ConvertTime(generatedAt, organisation.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}\n" +
            $"Version: {VariantLabel}"));
        blocks.Add(new PdfParagraph(IsInternal
            ? "Intern version. Innehåller rapporternas beskrivningar och referenser. Lämnas inte ut utan sekretessprövning enligt offentlighets- och sekretesslagen (OSL)."
            : $"Delbar version. Innehåller bara sammanställda antal, inga beskrivningar och inga referenser. Antal från 1 till {suppressBelow - 1} visas som \"{_counts.Small}\" så att enskilda personer inte ska kunna pekas ut; där ett sådant antal annars skulle gå att räkna fram ur en summa är även ett annat antal dolt och visas som \"{SmallCounts.Complementary}\". Diagrammen visar inte dolda antal."));
        if (summary.Total == 0)
        {
            blocks.Add(new PdfParagraph("Inga rapporter kom in under kvartalet. Tabellerna nedan visar därför bara nollor.", PdfTextStyle.Lead));
        }
    }

    private void KeyFigures(List<PdfBlock> blocks)
    {
        blocks.Add(new PdfHeading("Nyckeltal", 1));
        blocks.Add(new PdfTable(
            [new PdfColumn("Mått", 3), new PdfColumn("Antal", 1, AlignRight: true), new PdfColumn("Förändring mot detta kvartal", 2, AlignRight: true)],
            [
                [$"Rapporter {summary.Quarter}", _counts.Format(summary.Total), "–"],
                [$"Föregående kvartal ({_quarter.Previous})", _counts.Format(summary.PreviousQuarterTotal), Tables.Change(summary.Total, summary.PreviousQuarterTotal)],
                [$"Samma kvartal förra året ({_quarter.SameQuarterLastYear})", _counts.Format(summary.SameQuarterLastYearTotal), Tables.Change(summary.Total, summary.SameQuarterLastYearTotal)],
                ["Händelser (rapporter om samma händelse räknas en gång)", _counts.Format(summary.Events), "–"],
                ["Rapporter där samordnaren bedömt miljön annorlunda", _counts.Format(summary.Reassessed), "–"],
            ]));
        Distribution(blocks, "Per typ av rapport", "Typ", ReportCodes.Kind.Entries, summary.ByKind, sumsToTotal: true);
        Distribution(blocks, "Hur rapporterna kom in", "Kanal", ReportCodes.Channel.Entries, summary.ByChannel, sumsToTotal: true,
            note: "Rapporter som kom in per telefon, vid möten, per brev eller e-post har registrerats av samordnaren.");
    }

    private void Distributions(List<PdfBlock> blocks)
    {
        blocks.Add(new PdfHeading("Fördelning", 1));
        EnvironmentByMonth(blocks);
        Distribution(blocks, "Vad har iakttagits", "Iakttagelse", ReportCodes.Observation.Entries, summary.ByObservation, sumsToTotal: false,
            note: "En rapport kan ange flera iakttagelser, så summan kan vara större än antalet rapporter.");
        Tables.Symbols(blocks, organisation.Symbols, summary.BySymbol, "kvartalet");
        Distribution(blocks, "Verksamhet", "Verksamhet", organisation.Units.Select(u => (u.Code, u.Name)).ToList(), summary.ByUnit, sumsToTotal: true);
        Distribution(blocks, "Område", "Område", organisation.Areas.Select(a => (Code: a.Code, Label: a.Name)).Append((Code: ReportCodes.Unknown, Label: "Okänt")).DistinctBy(a => a.Code).ToList(), summary.ByArea, sumsToTotal: true);
        foreach (var (question, counts) in summary.ByQuestion)
        {
            Distribution(blocks, question.Heading, question.Column, question.Codes.Entries, counts, sumsToTotal: !question.IsSet, note: question.SummaryNote);
        }

        Distribution(blocks, "Status vid kvartalets slut", "Status", ReportStatus.Codes.Entries, summary.ByStatus, sumsToTotal: true);
    }

    private void EnvironmentByMonth(List<PdfBlock> blocks)
    {
        var months = summary.ByMonth.Keys.Order(StringComparer.Ordinal).ToList();
        blocks.Add(new PdfHeading("Miljö per månad", 2));
        blocks.Add(new PdfParagraph("Miljön är samordnarens bedömning där en sådan finns, annars rapportörens val.", PdfTextStyle.Small));
        blocks.Add(Tables.EnvironmentByPeriod(
            months, SummaryTables.MonthName, (month, environment) => summary.EnvironmentByMonth[month].GetValueOrDefault(environment),
            summary.ByMonth, summary.ByEnvironment, summary.Total));
    }

    private void Distribution(
        List<PdfBlock> blocks, string heading, string column, IReadOnlyList<(string Code, string Label)> entries,
        IReadOnlyDictionary<string, int> counts, bool sumsToTotal, string? note = null) =>
        Tables.Distribution(blocks, heading, column, entries, counts, summary.Total, sumsToTotal, note);

    private void Charts(List<PdfBlock> blocks)
    {
        var months = summary.ByMonth.Keys.Order(StringComparer.Ordinal).ToList();
        var environments = ReportCodes.Environment.Entries;
        blocks.Add(new PdfHeading("Diagram", 1));
        blocks.Add(new PdfHeading("Rapporter per månad och miljö", 2));
        var monthly = environments.Select(e => new ChartSeries(e.Label,
            [.. months.Select(m => Charted(summary.EnvironmentByMonth[m].GetValueOrDefault(e.Code)))])).ToList();
        blocks.Add(new PdfFigure(
            "Staplat stapeldiagram över rapporter per månad och miljö. " + string.Join(" ", months.Select(m =>
                $"{MonthName(m)}: {_counts.Format(summary.ByMonth[m])} totalt; " +
                string.Join(", ", environments.Select(e => $"{e.Label} {_counts.Format(summary.EnvironmentByMonth[m].GetValueOrDefault(e.Code))}")) + ".")),
            230,
            (g, area) => PdfCharts.StackedBars(g, area, "Antal rapporter", [.. months.Select(MonthName)], monthly)));

        blocks.Add(new PdfHeading("Utveckling de senaste åtta kvartalen per miljö", 2));
        var trend = environments.Select(e => new ChartSeries(e.Label,
            [.. summary.Trend.Select(t => Charted(t.ByEnvironment.GetValueOrDefault(e.Code)))])).ToList();
        blocks.Add(new PdfFigure(
            "Linjediagram över antal rapporter per kvartal och miljö, de senaste åtta kvartalen. " + string.Join(" ", summary.Trend.Select(t =>
                $"{t.Quarter}: {_counts.Format(t.Total)} totalt; " +
                string.Join(", ", environments.Select(e => $"{e.Label} {_counts.Format(t.ByEnvironment.GetValueOrDefault(e.Code))}")) + ".")),
            240,
            (g, area) => PdfCharts.Lines(g, area, "Antal rapporter", [.. summary.Trend.Select(t => t.Quarter)], trend)));
        if (_counts.Suppresses)
        {
            blocks.Add(new PdfParagraph($"Antal under {suppressBelow} ritas inte i diagrammen.", PdfTextStyle.Small));
        }
    }

    private int Charted(int count) => Tables.Charted(count);

    private void ReportList(List<PdfBlock> blocks)
    {
        // Landscape, so the description gets a readable column.
        blocks.Add(new PdfPageBreak(Landscape: true));
        blocks.Add(new PdfHeading("Kvartalets rapporter", 1));
        if (reports.Count == 0)
        {
            blocks.Add(new PdfParagraph("Inga rapporter kom in under kvartalet."));
            return;
        }

        blocks.Add(new PdfParagraph("Rapporterna i den ordning de kom in. Datum är händelsens eller iakttagelsens datum; miljön är samordnarens bedömning där en sådan finns; status är status vid kvartalets slut.", PdfTextStyle.Small));
        // Three cells a report, not eight: every cell is a tagged element the document holds until
        // its part is saved. The cells are made as the layout reaches a row, from a list that opens
        // the reports a chunk at a time (QuarterReportList), so the list is never in memory whole.
        var rows = new PdfRows<QuarterReportLine>(reports, r =>
        [
            $"{r.Reference}\n{r.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            // Each value named: a reader of a printed list cannot guess which line is which.
            string.Join("\n", new[]
            {
                $"Verksamhet: {organisation.UnitName(r.Unit)}",
                $"Typ: {ReportCodes.Kind.Label(r.Kind)}",
                $"Miljö: {ReportCodes.Environment.Label(r.Environment)}",
                $"Iakttaget: {string.Join(", ", r.Observations.Select(ReportCodes.ShortObservation))}",
                $"Status: {ReportStatus.Codes.Label(r.Status)}",
                r.Photos > 0 ? $"Foton: {r.Photos}" : null,
                r.Secrecy is { } secrecy ? $"Sekretess: {secrecy}" : null,
            }.OfType<string>()),
            r.Description,
        ]);
        blocks.Add(new PdfTable(
            [
                new PdfColumn("Referens, datum", 72), new PdfColumn("Uppgifter", 190), new PdfColumn("Beskrivning", 480),
            ],
            rows,
            FontSize: 7.5));
    }

    private void AboutTheData(List<PdfBlock> blocks)
    {
        blocks.Add(new PdfHeading("Om underlaget", 1));
        blocks.Add(new PdfParagraph(
            "Sammanställningen bygger på rapporter som medarbetare i förvaltningens verksamheter har lämnat i formuläret för oidentifierad information om oro och händelser kopplade till våldsbejakande extremism. " +
            "En rapport räknas till det kvartal och den månad då den kom in, så ett utskrivet kvartal ändras inte i efterhand."));
        blocks.Add(new PdfParagraph(
            "Underlaget visar vad medarbetare har uppmärksammat och valt att rapportera. Det är inte en fullständig bild av alla händelser: antalet påverkas av kännedom om formuläret, uppmärksamhet och rapporteringsvilja. " +
            "Samma händelse kan ha rapporterats mer än en gång. Kategorierna är rapportörens egna val."));
        blocks.Add(new PdfParagraph(
            "Det är inte polisens statistik och inte en bedömning av brott eller hot. Rapporterna är avidentifierade och innehåller inga personuppgifter om de personer som beskrivs."));
    }

    private static string MonthName(string month) => SummaryTables.MonthName(month);
}
