using System.Globalization;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Pdf;

namespace Reporting.Features.City;

/// <summary>The city's year as a PDF: the administrations by environment and by quarter, suppressed as the JSON is.</summary>
public static class CitySummaryDocument
{
    public static byte[] Pdf(CitySummary summary, string cityName, DateOnly createdOn)
    {
        var quarters = summary.ByQuarter.Keys.ToList();
        List<PdfBlock> blocks =
        [
            new PdfParagraph($"Stadens sammanställning {summary.Year}", PdfTextStyle.Title),
            new PdfParagraph(cityName, PdfTextStyle.Lead),
            new PdfParagraph(
                $"Rapporter om oro eller händelser som kom in {summary.Year}, per förvaltning, per miljö (samordnarens bedömning där den finns) och per kvartal. " +
                $"Antal från 1 till {summary.SuppressBelow - 1} visas som \"<{summary.SuppressBelow}\", och så många andra värden som behövs visas som \"x\", " +
                $"så att inget litet antal kan räknas fram ur summorna. Underlaget är förvaltningarnas rapporter, inte polisens statistik. Skapad {createdOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}."),
            new PdfHeading("Per förvaltning och miljö", 1),
            ByEnvironment(summary),
            new PdfHeading("Per förvaltning och kvartal", 1),
            new PdfTable(
                [new PdfColumn("Förvaltning", 3), .. quarters.Select(q => new PdfColumn(q, 1, AlignRight: true)), new PdfColumn("Totalt", 1, AlignRight: true)],
                [
                    .. summary.Administrations.Select(a => (IReadOnlyList<string>)[a.Name, .. quarters.Select(q => CitySummary.Text(a.ByQuarter[q])), CitySummary.Text(a.Total)]),
                    (IReadOnlyList<string>)["Totalt", .. quarters.Select(q => CitySummary.Text(summary.ByQuarter[q])), CitySummary.Text(summary.Total)],
                ],
                LastRowIsTotal: true),
        ];
        return PdfComposer.Render(new PdfPageFrame($"Stadens sammanställning {summary.Year}", null, $"Stadens sammanställning {summary.Year} · {cityName}"), blocks);
    }

    /// <summary>The administrations by environment with the totals (the city's PDF and its roll-up of lägesbilder).</summary>
    public static PdfTable ByEnvironment(CitySummary summary)
    {
        var environments = summary.ByEnvironment.Keys.ToList();
        return new PdfTable(
            [new PdfColumn("Förvaltning", 3), .. environments.Select(e => new PdfColumn(ReportCodes.Environment.Label(e), 1.4, AlignRight: true)), new PdfColumn("Totalt", 1, AlignRight: true)],
            [
                .. summary.Administrations.Select(a => (IReadOnlyList<string>)[a.Name, .. environments.Select(e => CitySummary.Text(a.ByEnvironment[e])), CitySummary.Text(a.Total)]),
                (IReadOnlyList<string>)["Totalt", .. environments.Select(e => CitySummary.Text(summary.ByEnvironment[e])), CitySummary.Text(summary.Total)],
            ],
            LastRowIsTotal: true,
            FontSize: 8);
    }
}
