using System.Globalization;
using Reporting.Infrastructure.Pdf;

namespace Reporting.Features.Summaries;

/// <summary>
/// The tables every summary prints (quarterly, yearly, the situation picture), with the variant's
/// small-count rules applied to every cell: a distribution over a closed list, a grid of
/// environment by period, and the change against an earlier period.
/// </summary>
/// <summary>
/// The summaries' tables. <paramref name="omitZeroRows"/> (the lägesbild, read by a nämnd) leaves the
/// rows without a report out of a list's table and names them in a sentence below it; the quarterly
/// and yearly summaries show every row, "Okänt" included.
/// </summary>
public sealed class SummaryTables(SmallCounts counts, bool omitZeroRows = false)
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public SmallCounts Counts => counts;

    /// <summary>
    /// One closed list's counts under a heading. Codes no longer configured (a unit removed later)
    /// still show, under their code. <paramref name="sumsToTotal"/> adds a total row (single-valued fields).
    /// </summary>
    public void Distribution(
        List<PdfBlock> blocks, string heading, string column, IReadOnlyList<(string Code, string Label)> entries,
        IReadOnlyDictionary<string, int> values, int total, bool sumsToTotal, string? note = null)
    {
        var all = entries.Concat(values.Keys.Where(k => entries.All(e => e.Code != k)).Select(k => (Code: k, Label: k))).ToList();
        var cells = counts.FormatColumn([.. all.Select(e => values.GetValueOrDefault(e.Code))], sumsToTotal);
        var rows = all.Select((e, i) => (IReadOnlyList<string>)[e.Label, cells[i]])
            .Where((_, i) => !omitZeroRows || values.GetValueOrDefault(all[i].Code) != 0).ToList();
        var omitted = omitZeroRows ? all.Where(e => values.GetValueOrDefault(e.Code) == 0).Select(e => e.Label).ToList() : [];
        if (sumsToTotal)
        {
            rows.Add(["Totalt", counts.Format(total)]);
        }

        blocks.Add(new PdfHeading(heading, 2));
        if (note is not null)
        {
            blocks.Add(new PdfParagraph(note, PdfTextStyle.Small));
        }

        if (rows.Count > (sumsToTotal ? 1 : 0))
        {
            blocks.Add(new PdfTable([new PdfColumn(column, 3), new PdfColumn("Antal", 1, AlignRight: true)], rows, LastRowIsTotal: sumsToTotal));
        }

        if (omitted.Count > 0)
        {
            blocks.Add(new PdfParagraph(
                omitted.Count == all.Count ? "Inga rapporter under året." : $"Utan rapporter under året, och därför inte i tabellen: {string.Join(", ", omitted)}.",
                PdfTextStyle.Small));
        }
    }

    /// <summary>
    /// The symbols the period's reports named, most named first, with the environment each is usually
    /// seen in. Only symbols that were named are rows (the catalogue is long); a report may name several.
    /// </summary>
    public void Symbols(List<PdfBlock> blocks, Symbols.SymbolCatalogue catalogue, IReadOnlyDictionary<string, int> values, string period, int level = 2)
    {
        blocks.Add(new PdfHeading("Symboler", level));
        var named = values.Where(v => v.Value > 0).OrderByDescending(v => v.Value).ThenBy(v => catalogue.Name(v.Key), StringComparer.Create(Swedish, false)).ToList();
        if (named.Count == 0)
        {
            blocks.Add(new PdfParagraph($"Ingen rapport under {period} angav någon symbol ur tjänstens lista.", PdfTextStyle.Small));
            return;
        }

        blocks.Add(new PdfParagraph(
            "Symboler ur tjänstens lista som rapportörerna kände igen. En rapport kan ange flera symboler. Miljön är den där symbolen oftast förekommer, inte en bedömning av rapporten.",
            PdfTextStyle.Small));
        blocks.Add(new PdfTable(
            [new PdfColumn("Symbol", 3), new PdfColumn("Vanligast i", 2), new PdfColumn("Antal", 1, AlignRight: true)],
            [.. named.Select(v => (IReadOnlyList<string>)
            [
                catalogue.Name(v.Key),
                catalogue.All.FirstOrDefault(s => s.Code == v.Key) is { } symbol ? Reports.ReportCodes.Environment.Label(symbol.Environment) : "–",
                counts.Format(v.Value),
            ])]));
    }

    /// <summary>Rows of environments, columns of periods (months, quarters), with totals both ways.</summary>
    public PdfTable EnvironmentByPeriod(
        IReadOnlyList<string> periods, Func<string, string> periodLabel, Func<string, string, int> count,
        IReadOnlyDictionary<string, int> periodTotals, IReadOnlyDictionary<string, int> environmentTotals, int total)
    {
        var environments = Reports.ReportCodes.Environment.Entries;
        var grid = new int[environments.Count, periods.Count];
        for (var e = 0; e < environments.Count; e++)
        {
            for (var p = 0; p < periods.Count; p++)
            {
                grid[e, p] = count(periods[p], environments[e].Code);
            }
        }

        var cells = counts.FormatGrid(grid);
        var rows = new List<IReadOnlyList<string>>();
        for (var e = 0; e < environments.Count; e++)
        {
            var row = new List<string> { environments[e].Label };
            row.AddRange(Enumerable.Range(0, periods.Count).Select(p => cells[e, p]));
            row.Add(counts.Format(environmentTotals.GetValueOrDefault(environments[e].Code)));
            rows.Add(row);
        }

        rows.Add([ "Totalt", .. periods.Select(p => counts.Format(periodTotals[p])), counts.Format(total) ]);
        return new PdfTable(
            [new PdfColumn("Miljö", 3), .. periods.Select(p => new PdfColumn(periodLabel(p), 1, AlignRight: true)), new PdfColumn("Totalt", 1, AlignRight: true)],
            rows,
            LastRowIsTotal: true);
    }

    /// <summary>"+3 (+25 %)" from <paramref name="earlier"/> to <paramref name="now"/>; nothing derived from a suppressed count is printed.</summary>
    public string Change(int now, int earlier)
    {
        if (counts.IsSmall(earlier) || counts.IsSmall(now))
        {
            return "–";
        }

        var difference = now - earlier;
        var sign = difference > 0 ? "+" : difference < 0 ? "−" : "±";
        var absolute = SmallCounts.Number(Math.Abs(difference));
        return earlier == 0
            ? $"{sign}{absolute}"
            : $"{sign}{absolute} ({sign}{Math.Abs(difference * 100.0 / earlier).ToString("0", Swedish)} %)";
    }

    /// <summary>Suppressed counts are drawn as nothing (the shareable variant).</summary>
    public int Charted(int count) => counts.IsSmall(count) ? 0 : count;

    /// <summary>"Juli" for "2026-07".</summary>
    public static string MonthName(string month)
    {
        var day = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var name = day.ToString("MMMM", Swedish);
        return char.ToUpper(name[0], Swedish) + name[1..];
    }
}
