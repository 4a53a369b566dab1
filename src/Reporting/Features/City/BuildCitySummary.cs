using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.Options;
using Reporting.Features.Audit;
using Reporting.Features.Reports;
using Reporting.Features.Reports.Indexing;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.City;

/// <summary>
/// The city's year: reports per administration, per environment (as assessed where assessed) and
/// per quarter, every administration's row beside the others, from the index of codes (nothing is
/// decrypted). Counts from 1 to <c>Summaries:SuppressBelow − 1</c> are "&lt;3", with complementary
/// suppression across the shared totals (<see cref="LinkedSuppression"/>). Audited.
/// </summary>
public sealed record BuildCitySummaryQuery(string Actor, int Year) : IQuery<CitySummary>;

/// <summary>The counts, suppressed, as the JSON, the page and the PDF show them (a cell is a number, "&lt;3" or "x").</summary>
public sealed record CitySummary(
    int Year,
    int SuppressBelow,
    object Total,
    IReadOnlyList<CityAdministrationRow> Administrations,
    IReadOnlyDictionary<string, object> ByEnvironment,
    IReadOnlyDictionary<string, object> ByQuarter)
{
    /// <summary>The contract's JSON: <c>{"year", "total", "byAdministration", "byEnvironment", "byQuarter", "administrations"}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["year"] = Year,
        ["suppressBelow"] = SuppressBelow,
        ["total"] = Node(Total),
        ["byAdministration"] = Object(Administrations.Select(a => (a.Code, a.Total))),
        ["byEnvironment"] = Object(ByEnvironment.Select(e => (e.Key, e.Value))),
        ["byQuarter"] = Object(ByQuarter.Select(q => (q.Key, q.Value))),
        ["administrations"] = new JsonObject(Administrations.Select(a => KeyValuePair.Create(a.Code, (JsonNode?)new JsonObject
        {
            ["name"] = a.Name,
            ["total"] = Node(a.Total),
            ["byEnvironment"] = Object(a.ByEnvironment.Select(e => (e.Key, e.Value))),
            ["byQuarter"] = Object(a.ByQuarter.Select(q => (q.Key, q.Value))),
        }))),
    };

    /// <summary>A cell as people read it: the number in Swedish form, or "&lt;3" / "x" as it stands.</summary>
    public static string Text(object cell) => cell is int number ? SmallCounts.Number(number) : (string)cell;

    private static JsonNode Node(object cell) => cell is int number ? JsonValue.Create(number) : JsonValue.Create((string)cell);

    private static JsonObject Object(IEnumerable<(string Key, object Cell)> cells) =>
        new(cells.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)Node(c.Cell))));
}

/// <summary>One administration's row of the city's year.</summary>
public sealed record CityAdministrationRow(
    string Code, string Name, object Total, IReadOnlyDictionary<string, object> ByEnvironment, IReadOnlyDictionary<string, object> ByQuarter);

public sealed class BuildCitySummaryHandler(
    ReportIndex index, Administrations.AdministrationCatalogue administrations, IOptions<SummariesOptions> options, ReportingDbContext db, AuditLog audit)
    : IQueryHandler<BuildCitySummaryQuery, CitySummary>
{
    public async ValueTask<CitySummary> Handle(BuildCitySummaryQuery query, CancellationToken cancellationToken)
    {
        // The whole index: the city's view is every administration's, and only ever as counts.
        var summary = Of(await index.CurrentAsync(cancellationToken), administrations, query.Year, options.Value.SuppressBelow);
        await audit.AppendNowAsync(db, query.Actor, AuditActions.SummaryViewed, detail: $"staden {query.Year}", cancellationToken: cancellationToken);
        return summary;
    }

    /// <summary>The city's year from the whole index (the city's summary and its roll-up of lägesbilder).</summary>
    public static CitySummary Of(ReportIndexSnapshot snapshot, Administrations.AdministrationCatalogue administrations, int year, int suppressBelow) =>
        Summarise(
            year,
            [.. administrations.All.Select(a => (a.Code, a.Name))],
            snapshot.ReceivedBetween(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31))
                // An empty administration is the home one; a code no longer configured is no row (not the home's).
                .Select(r => (r.Administration ?? administrations.Home.Code, r.Facets.CountedEnvironment, Quarter.Of(r.ReceivedOn).ToString())),
            suppressBelow);

    /// <summary>The counts and their suppression (public for the property test that holds it to "nothing small can be derived").</summary>
    public static CitySummary Summarise(
        int year, IReadOnlyList<(string Code, string Name)> rows, IEnumerable<(string Administration, string Environment, string Quarter)> reports, int suppressBelow)
    {
        var environments = ReportCodes.Environment.Codes.ToList();
        var quarters = Enumerable.Range(1, 4).Select(q => new Quarter(year, q).ToString()).ToList();
        var byEnvironment = new int[rows.Count, environments.Count];
        var byQuarter = new int[rows.Count, quarters.Count];
        var rowOf = rows.Select((r, i) => (r.Code, i)).ToDictionary(r => r.Code, r => r.i, StringComparer.Ordinal);
        foreach (var (administration, environment, quarter) in reports)
        {
            if (!rowOf.TryGetValue(administration, out var row))
            {
                continue; // an administration no longer configured is no row of the city's
            }

            var column = environments.IndexOf(environment);
            byEnvironment[row, column < 0 ? environments.IndexOf(ReportCodes.Unknown) : column]++;
            byQuarter[row, quarters.IndexOf(quarter)]++;
        }

        var rowSums = Enumerable.Range(0, rows.Count).Select(r => Enumerable.Range(0, environments.Count).Sum(c => byEnvironment[r, c])).ToArray();
        var environmentSums = Enumerable.Range(0, environments.Count).Select(c => Enumerable.Range(0, rows.Count).Sum(r => byEnvironment[r, c])).ToArray();
        var quarterSums = Enumerable.Range(0, quarters.Count).Select(c => Enumerable.Range(0, rows.Count).Sum(r => byQuarter[r, c])).ToArray();

        // Every printed value and every sum it takes part in: the two tables share the administrations' and the grand totals.
        var rules = new LinkedSuppression(suppressBelow);
        var environmentCells = Handles(rules, byEnvironment);
        var quarterCells = Handles(rules, byQuarter);
        var rowTotals = rowSums.Select(rules.Add).ToArray();
        var environmentTotals = environmentSums.Select(rules.Add).ToArray();
        var quarterTotals = quarterSums.Select(rules.Add).ToArray();
        var total = rules.Add(rowSums.Sum());
        for (var r = 0; r < rows.Count; r++)
        {
            rules.Sum(Enumerable.Range(0, environments.Count).Select(c => environmentCells[r, c]), rowTotals[r]);
            rules.Sum(Enumerable.Range(0, quarters.Count).Select(c => quarterCells[r, c]), rowTotals[r]);
        }

        for (var c = 0; c < environments.Count; c++)
        {
            rules.Sum(Enumerable.Range(0, rows.Count).Select(r => environmentCells[r, c]), environmentTotals[c]);
        }

        for (var c = 0; c < quarters.Count; c++)
        {
            rules.Sum(Enumerable.Range(0, rows.Count).Select(r => quarterCells[r, c]), quarterTotals[c]);
        }

        rules.Sum(rowTotals, total);
        rules.Sum(environmentTotals, total);
        rules.Sum(quarterTotals, total);

        var hidden = rules.Hidden();
        object Cell(int handle, int value) => LinkedSuppression.Cell(value, hidden[handle], rules);
        Dictionary<string, object> Cells(IReadOnlyList<string> keys, Func<int, object> cell) =>
            keys.Select((key, i) => (key, cell(i))).ToDictionary(x => x.key, x => x.Item2, StringComparer.Ordinal);

        return new CitySummary(
            year,
            suppressBelow,
            Cell(total, rowSums.Sum()),
            [.. rows.Select((row, r) => new CityAdministrationRow(
                row.Code,
                row.Name,
                Cell(rowTotals[r], rowSums[r]),
                Cells(environments, c => Cell(environmentCells[r, c], byEnvironment[r, c])),
                Cells(quarters, c => Cell(quarterCells[r, c], byQuarter[r, c]))))],
            Cells(environments, c => Cell(environmentTotals[c], environmentSums[c])),
            Cells(quarters, c => Cell(quarterTotals[c], quarterSums[c])));
    }

    private static int[,] Handles(LinkedSuppression rules, int[,] grid)
    {
        var handles = new int[grid.GetLength(0), grid.GetLength(1)];
        for (var r = 0; r < grid.GetLength(0); r++)
        {
            for (var c = 0; c < grid.GetLength(1); c++)
            {
                handles[r, c] = rules.Add(grid[r, c]);
            }
        }

        return handles;
    }
}
