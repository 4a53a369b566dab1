using System.Globalization;
using CsvHelper;
using MiniExcelLibs;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;

namespace Reporting.Features.Summaries;

/// <summary>
/// A summary's tables for a spreadsheet: every closed list's counts (the same numbers as the PDF, with
/// the same suppression in the shareable variant), as XLSX with one sheet per table and the numbers as
/// numbers (a suppressed count is the text "&lt;3"), plus a sheet of key figures and one with the caveats;
/// or as one CSV of every table (table;category;code;count). MiniExcel writes the XLSX: it is
/// maintained and has no dependency on the Open XML SDK, whose version 3 the Word export uses and which
/// the ClosedXML served here (0.95) cannot run with.
/// </summary>
public sealed class SummarySpreadsheet
{
    private readonly List<(string Name, IReadOnlyList<(string Label, string Code, string Count)> Rows)> _tables = [];
    private readonly List<(string Measure, string Count)> _keyFigures = [];
    private readonly string _title;
    private readonly SmallCounts _counts;

    private SummarySpreadsheet(string title, SmallCounts counts)
    {
        _title = title;
        _counts = counts;
    }

    /// <summary>The caveats of every summary, as the PDF's "Om underlaget" says them.</summary>
    public static readonly IReadOnlyList<string> Caveats =
    [
        "Underlaget är rapporter som medarbetare har lämnat om oro och händelser kopplade till våldsbejakande extremism. Det är inte en fullständig bild av alla händelser: antalet påverkas av kännedom om formuläret, uppmärksamhet och rapporteringsvilja.",
        "En rapport räknas till den period då den kom in. Samma händelse kan ha rapporterats mer än en gång; \"Händelser\" räknar rapporter om samma händelse en gång.",
        "Miljön är samordnarens bedömning där en sådan finns, annars rapportörens val. En rapport kan ange flera iakttagelser, åtgärder och symboler.",
        "Det är inte polisens statistik och inte en bedömning av brott eller hot.",
    ];

    public static SummarySpreadsheet Of(QuarterSummary summary, SummaryVariant variant, OrganisationProfile organisation, int suppressBelow)
    {
        var sheet = new SummarySpreadsheet($"Kvartalssammanställning {summary.Quarter}, {organisation.Name}", new SmallCounts(suppressBelow, variant == SummaryVariant.Shareable));
        sheet.KeyFigure($"Rapporter {summary.Quarter}", summary.Total);
        sheet.KeyFigure("Föregående kvartal", summary.PreviousQuarterTotal);
        sheet.KeyFigure("Samma kvartal förra året", summary.SameQuarterLastYearTotal);
        sheet.KeyFigure("Händelser", summary.Events);
        sheet.KeyFigure("Omklassade miljöer", summary.Reassessed);
        sheet.Lists(organisation, summary.ByKind, summary.ByChannel, summary.ByEnvironment, summary.ByObservation, summary.BySymbol,
            summary.ByUnit, summary.ByArea, summary.ByQuestion, summary.ByStatus, summary.Total);
        sheet.Table("Månad", [.. summary.ByMonth.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (SummaryTables.MonthName(m.Key), m.Key))], summary.ByMonth, summary.Total, sumsToTotal: true);
        return sheet;
    }

    public static SummarySpreadsheet Of(YearSummary summary, SummaryVariant variant, OrganisationProfile organisation, int suppressBelow)
    {
        var sheet = new SummarySpreadsheet($"Årssammanställning {summary.Year}, {organisation.Name}", new SmallCounts(suppressBelow, variant == SummaryVariant.Shareable));
        sheet.KeyFigure($"Rapporter {summary.Year}", summary.Total);
        sheet.KeyFigure($"Rapporter {summary.Year - 1}", summary.PreviousYearTotal);
        sheet.KeyFigure("Händelser", summary.Events);
        sheet.KeyFigure("Omklassade miljöer", summary.Reassessed);
        sheet.Table("Kvartal", [.. summary.ByQuarter.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => (q.Key, q.Key))], summary.ByQuarter, summary.Total, sumsToTotal: true);
        sheet.Lists(organisation, summary.ByKind, summary.ByChannel, summary.ByEnvironment, summary.ByObservation, summary.BySymbol,
            summary.ByUnit, summary.ByArea, summary.ByQuestion, summary.ByStatus, summary.Total);
        sheet.Table("Månad", [.. summary.ByMonth.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (SummaryTables.MonthName(m.Key), m.Key))], summary.ByMonth, summary.Total, sumsToTotal: true);
        return sheet;
    }

    private void Lists(
        OrganisationProfile organisation, IReadOnlyDictionary<string, int> kind, IReadOnlyDictionary<string, int> channel, IReadOnlyDictionary<string, int> environment,
        IReadOnlyDictionary<string, int> observation, IReadOnlyDictionary<string, int> symbol, IReadOnlyDictionary<string, int> unit,
        IReadOnlyDictionary<string, int> area, IReadOnlyList<QuestionCounts> byQuestion, IReadOnlyDictionary<string, int> status, int total)
    {
        CodeTable("Typ", ReportCodes.Kind.Entries, kind, total, sumsToTotal: true);
        CodeTable("Kanal", ReportCodes.Channel.Entries, channel, total, sumsToTotal: true);
        CodeTable("Miljö", ReportCodes.Environment.Entries, environment, total, sumsToTotal: true);
        CodeTable("Iakttagelse", ReportCodes.Observation.Entries, observation, total, sumsToTotal: false);
        Table("Symbol", [.. organisation.Symbols.All.Select(s => (s.Name, s.Code))], symbol, total, sumsToTotal: false);
        Table("Verksamhet", [.. organisation.Units.Select(u => (u.Name, u.Code))], unit, total, sumsToTotal: true);
        Table("Område", [.. organisation.Areas.Select(a => (a.Name, a.Code)).Append(("Okänt", ReportCodes.Unknown)).DistinctBy(a => a.Item2)], area, total, sumsToTotal: true);
        foreach (var (question, counts) in byQuestion)
        {
            CodeTable(question.Column, question.Codes.Entries, counts, total, sumsToTotal: !question.IsSet);
        }

        CodeTable("Status", ReportStatus.Codes.Entries, status, total, sumsToTotal: true);
    }

    private void KeyFigure(string measure, int count) => _keyFigures.Add((measure, _counts.Format(count)));

    /// <summary>A closed list's table: its entries are (code, label).</summary>
    private void CodeTable(string name, IReadOnlyList<(string Code, string Label)> entries, IReadOnlyDictionary<string, int> values, int total, bool sumsToTotal) =>
        Table(name, [.. entries.Select(e => (e.Label, e.Code))], values, total, sumsToTotal);

    private void Table(string name, IReadOnlyList<(string Label, string Code)> entries, IReadOnlyDictionary<string, int> values, int total, bool sumsToTotal)
    {
        var all = entries.Concat(values.Keys.Where(k => entries.All(e => e.Code != k)).Select(k => (Label: k, Code: k))).ToList();
        var cells = _counts.FormatColumn([.. all.Select(e => values.GetValueOrDefault(e.Code))], sumsToTotal);
        var rows = all.Select((e, i) => (e.Label, e.Code, cells[i])).ToList();
        if (sumsToTotal)
        {
            rows.Add(("Totalt", string.Empty, _counts.Format(total)));
        }

        _tables.Add((name, rows));
    }

    /// <summary>A cell as Excel should hold it: a number where the count is shown, the text where it is suppressed.</summary>
    private static object Cell(string count) => int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : count;

    public byte[] Xlsx()
    {
        var sheets = new Dictionary<string, object>
        {
            ["Nyckeltal"] = _keyFigures.Select(k => new Dictionary<string, object> { ["Mått"] = k.Measure, ["Antal"] = Cell(k.Count) }).ToList(),
        };
        foreach (var (name, rows) in _tables)
        {
            sheets[name] = rows.Select(r => new Dictionary<string, object> { [name] = r.Label, ["Kod"] = r.Code, ["Antal"] = Cell(r.Count) }).ToList();
        }

        sheets["Om underlaget"] = Caveats.Prepend(_title).Append(_counts.Suppresses
                ? $"Delbar version: antal under {_counts.Small[1..]} (utom 0) visas som \"{_counts.Small}\"; där ett sådant antal annars kan räknas fram ur en summa är även ett annat antal dolt (\"{SmallCounts.Complementary}\")."
                : "Intern version: alla antal visas.")
            .Select(line => new Dictionary<string, object> { ["Om underlaget"] = line }).ToList();
        using var output = new MemoryStream();
        output.SaveAs(sheets);
        return output.ToArray();
    }

    /// <summary>Every table in one file, a row per count: UTF-8 with a byte order mark, ";" separated.</summary>
    public byte[] Csv()
    {
        using var output = new MemoryStream();
        using (var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(["table", "category", "code", "count"]);
            foreach (var (measure, count) in _keyFigures)
            {
                csv.WriteRecord(["Nyckeltal", measure, string.Empty, count]);
            }

            foreach (var (name, rows) in _tables)
            {
                foreach (var (label, code, count) in rows)
                {
                    csv.WriteRecord([name, label, code, count]);
                }
            }
        }

        return output.ToArray();
    }
}
