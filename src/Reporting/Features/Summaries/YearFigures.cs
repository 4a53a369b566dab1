using System.Globalization;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Charts;
using Reporting.Infrastructure.Pdf;

namespace Reporting.Features.Summaries;

/// <summary>
/// The form's reports for one year as document blocks: key figures against last year, the
/// distributions, environment by quarter and against last year, and the two charts. The yearly
/// summary PDF prints them as they are; the situation picture puts them in its own chapter (in
/// PDF and Word, which is why the charts are images drawn once). Counts follow the variant's
/// small-count rules.
/// </summary>
public sealed class YearFigures(YearSummary summary, OrganisationProfile organisation, SmallCounts counts, bool omitZeroRows = false)
{
    public const double ChartWidth = 480;
    public const double ChartHeight = 240;

    private readonly SummaryTables _tables = new(counts, omitZeroRows);

    public void KeyFigures(List<PdfBlock> blocks, int level = 1)
    {
        blocks.Add(new PdfHeading("Nyckeltal", level));
        blocks.Add(new PdfTable(
            [new PdfColumn("Mått", 3), new PdfColumn("Antal", 1, AlignRight: true), new PdfColumn($"Förändring mot {summary.Year - 1}", 2, AlignRight: true)],
            [
                [$"Rapporter {summary.Year}", counts.Format(summary.Total), _tables.Change(summary.Total, summary.PreviousYearTotal)],
                [$"Rapporter {summary.Year - 1}", counts.Format(summary.PreviousYearTotal), "–"],
                ["Händelser (rapporter om samma händelse räknas en gång)", counts.Format(summary.Events), "–"],
                ["Rapporter där samordnaren bedömt miljön annorlunda", counts.Format(summary.Reassessed), "–"],
            ]));
        var quarters = summary.ByQuarter.Keys.Order(StringComparer.Ordinal).ToList();
        _tables.Distribution(blocks, "Per kvartal", "Kvartal", [.. quarters.Select(q => (q, q))], summary.ByQuarter, summary.Total, sumsToTotal: true);
        _tables.Distribution(blocks, "Per typ av rapport", "Typ", ReportCodes.Kind.Entries, summary.ByKind, summary.Total, sumsToTotal: true);
        _tables.Distribution(blocks, "Hur rapporterna kom in", "Kanal", ReportCodes.Channel.Entries, summary.ByChannel, summary.Total, sumsToTotal: true,
            note: "Rapporter som kom in per telefon, vid möten, per brev eller e-post har registrerats av samordnaren.");
    }

    /// <summary>The environments this year against last year, the comparison the assessment builds on.</summary>
    public PdfTable EnvironmentAgainstLastYear()
    {
        var environments = ReportCodes.Environment.Entries;
        var rows = environments.Select(e =>
        {
            var now = summary.ByEnvironment.GetValueOrDefault(e.Code);
            var before = summary.PreviousYearByEnvironment.GetValueOrDefault(e.Code);
            return (IReadOnlyList<string>)[e.Label, counts.Format(before), counts.Format(now), _tables.Change(now, before)];
        }).ToList();
        rows.Add(["Totalt", counts.Format(summary.PreviousYearTotal), counts.Format(summary.Total), _tables.Change(summary.Total, summary.PreviousYearTotal)]);
        return new PdfTable(
            [
                new PdfColumn("Miljö", 3), new PdfColumn((summary.Year - 1).ToString(CultureInfo.InvariantCulture), 1, AlignRight: true),
                new PdfColumn(summary.Year.ToString(CultureInfo.InvariantCulture), 1, AlignRight: true), new PdfColumn("Förändring", 2, AlignRight: true),
            ],
            rows,
            LastRowIsTotal: true);
    }

    public void Distributions(List<PdfBlock> blocks, int level = 1)
    {
        var quarters = summary.ByQuarter.Keys.Order(StringComparer.Ordinal).ToList();
        blocks.Add(new PdfHeading("Fördelning", level));
        blocks.Add(new PdfHeading("Miljö per kvartal", level + 1));
        blocks.Add(new PdfParagraph("Miljön är samordnarens bedömning där en sådan finns, annars rapportörens val.", PdfTextStyle.Small));
        blocks.Add(_tables.EnvironmentByPeriod(
            quarters, q => q[5..], (quarter, environment) => summary.EnvironmentByQuarter[quarter].GetValueOrDefault(environment),
            summary.ByQuarter, summary.ByEnvironment, summary.Total));
        blocks.Add(new PdfHeading($"Miljö jämfört med {summary.Year - 1}", level + 1));
        blocks.Add(EnvironmentAgainstLastYear());
        var months = summary.ByMonth.Keys.Order(StringComparer.Ordinal).ToList();
        _tables.Distribution(blocks, "Per månad", "Månad", [.. months.Select(m => (m, SummaryTables.MonthName(m)))], summary.ByMonth, summary.Total, sumsToTotal: true);
        _tables.Distribution(blocks, "Vad har iakttagits", "Iakttagelse", ReportCodes.Observation.Entries, summary.ByObservation, summary.Total, sumsToTotal: false,
            note: "En rapport kan ange flera iakttagelser, så summan kan vara större än antalet rapporter.");
        _tables.Symbols(blocks, organisation.Symbols, summary.BySymbol, "året", level + 1);
        _tables.Distribution(blocks, "Verksamhet", "Verksamhet", [.. organisation.Units.Select(u => (u.Code, u.Name))], summary.ByUnit, summary.Total, sumsToTotal: true);
        _tables.Distribution(blocks, "Område", "Område",
            [.. organisation.Areas.Select(a => (a.Code, Label: a.Name)).Append((Code: ReportCodes.Unknown, Label: "Okänt")).DistinctBy(a => a.Code)],
            summary.ByArea, summary.Total, sumsToTotal: true);
        foreach (var (question, counts) in summary.ByQuestion)
        {
            _tables.Distribution(blocks, question.Heading, question.Column, question.Codes.Entries, counts, summary.Total, sumsToTotal: !question.IsSet, note: question.SummaryNote);
        }

        _tables.Distribution(blocks, "Status vid årets slut", "Status", ReportStatus.Codes.Entries, summary.ByStatus, summary.Total, sumsToTotal: true);
    }

    /// <summary>Reports per quarter by environment (stacked bars) and the five-year trend by environment (lines).</summary>
    public void Charts(List<PdfBlock> blocks, int level = 1)
    {
        var environments = ReportCodes.Environment.Entries;
        var quarters = summary.ByQuarter.Keys.Order(StringComparer.Ordinal).ToList();
        blocks.Add(new PdfHeading("Diagram", level));
        blocks.Add(new PdfHeading("Rapporter per kvartal och miljö", level + 1));
        var byQuarter = environments.Select(e => new ChartSeries(e.Label,
            [.. quarters.Select(q => _tables.Charted(summary.EnvironmentByQuarter[q].GetValueOrDefault(e.Code)))])).ToList();
        blocks.Add(PdfFigure.Image(
            $"Staplat stapeldiagram över rapporter per kvartal och miljö {summary.Year}. " + string.Join(" ", quarters.Select(q =>
                $"{q}: {counts.Format(summary.ByQuarter[q])} totalt; " +
                string.Join(", ", environments.Select(e => $"{e.Label} {counts.Format(summary.EnvironmentByQuarter[q].GetValueOrDefault(e.Code))}")) + ".")),
            ChartWidth,
            ChartHeight,
            ChartImages.StackedBars((float)ChartWidth, (float)ChartHeight, "Antal rapporter", [.. quarters.Select(q => q[5..])], byQuarter)));

        blocks.Add(new PdfHeading($"Utveckling de senaste {YearAggregation.TrendYears} åren per miljö", level + 1));
        var trend = environments.Select(e => new ChartSeries(e.Label,
            [.. summary.Trend.Select(t => _tables.Charted(t.ByEnvironment.GetValueOrDefault(e.Code)))])).ToList();
        blocks.Add(PdfFigure.Image(
            $"Linjediagram över antal rapporter per år och miljö, de senaste {YearAggregation.TrendYears} åren. " + string.Join(" ", summary.Trend.Select(t =>
                $"{t.Year}: {counts.Format(t.Total)} totalt; " +
                string.Join(", ", environments.Select(e => $"{e.Label} {counts.Format(t.ByEnvironment.GetValueOrDefault(e.Code))}")) + ".")),
            ChartWidth,
            ChartHeight,
            ChartImages.Lines((float)ChartWidth, (float)ChartHeight, "Antal rapporter", [.. summary.Trend.Select(t => t.Year.ToString(CultureInfo.InvariantCulture))], trend)));
        if (counts.Suppresses)
        {
            blocks.Add(new PdfParagraph("Små antal ritas inte i diagrammen.", PdfTextStyle.Small));
        }
    }
}
