using System.Globalization;

namespace Reporting.Benchmarks.Scale;

/// <summary>
/// Several förvaltningar at a city's scale (issue 35): a database of N administrations × M reports
/// and, in the same run, one administration of M reports alone, each on SQLite and PostgreSQL. The
/// same coordinator questions are asked of both as one administration's coordinator; the city's
/// summary of a year is asked of the city. Targets: inbox, filters and key figures p95 ≤ 100 ms; the
/// city summary p95 ≤ 300 ms; start-up to ready ≤ 10 s; the index's memory ≤ 1 GB; sharing costs
/// ≤ 1.3× the administration alone.
/// </summary>
public static class AdministrationsBenchmark
{
    private static readonly string[] CoordinatorRows = ["inbox first page", "inbox filtered by environment", "page 20 of a filter", "key figures (quarter)"];

    public static async Task RunAsync(TimeSpan budget, int administrations, int perAdministration, bool postgres)
    {
        Console.WriteLine();
        Console.WriteLine($"Several förvaltningar · {administrations} × {perAdministration:N0} reports against one of {perAdministration:N0} alone · up to {budget.TotalSeconds:0} s per row");
        await using var cluster = postgres && ThrowawayPostgres.IsInstalled ? await ThrowawayPostgres.StartAsync() : null;
        if (postgres && cluster is null)
        {
            Console.WriteLine("(PostgreSQL rows skipped: /usr/lib/postgresql/15/bin/initdb is missing)");
        }

        var verdicts = new List<string>();
        foreach (var provider in cluster is null ? new[] { "SQLite" } : ["SQLite", "PostgreSQL"])
        {
            var city = await MeasureAsync(cluster, provider, administrations, administrations * perAdministration, budget, "city");
            var alone = await MeasureAsync(cluster, provider, 0, perAdministration, budget, "alone");
            verdicts.AddRange(Print(provider, administrations, perAdministration, city, alone));
        }

        Console.WriteLine();
        foreach (var verdict in verdicts)
        {
            Console.WriteLine(verdict);
        }
    }

    private static async Task<(List<string[]> Lines, (double Seconds, long PeakRss) Startup)> MeasureAsync(
        ThrowawayPostgres? cluster, string provider, int administrations, int reports, TimeSpan budget, string name)
    {
        var folder = Directory.CreateTempSubdirectory($"reporting-{name}-");
        try
        {
            var connection = provider == "PostgreSQL" ? await cluster!.CreateDatabaseAsync($"{name}_{reports}") : null;
            var database = new ScaleDatabase(folder.FullName, connection, administrations);
            await ScaleBenchmark.ChildAsync(["scale-seed", "--reports", reports.ToString(CultureInfo.InvariantCulture), .. database.Arguments()]);
            var startup = await ScaleBenchmark.StartupAsync(database);
            var lines = await ScaleBenchmark.ChildAsync(["scale-measure", "--mode", "tenant", "--seconds", budget.TotalSeconds.ToString(CultureInfo.InvariantCulture), .. database.Arguments()]);
            return (lines, startup);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> Print(
        string provider, int administrations, int perAdministration, (List<string[]> Lines, (double Seconds, long PeakRss) Startup) city, (List<string[]> Lines, (double Seconds, long PeakRss) Startup) alone)
    {
        var total = administrations * perAdministration;
        Console.WriteLine();
        Console.WriteLine($"{provider}: {administrations} administrations × {perAdministration:N0} = {total:N0} reports, against {perAdministration:N0} alone");
        var index = city.Lines.Single(l => l[0] == "index");
        var aloneIndex = alone.Lines.Single(l => l[0] == "index");
        Console.WriteLine($"index: {int.Parse(index[1], CultureInfo.InvariantCulture):N0} reports built in {index[2]} ms, {index[3]} MB managed memory (alone: {aloneIndex[3]} MB)");
        Console.WriteLine($"service start-up to ready: {city.Startup.Seconds:0.00} s (peak RSS {city.Startup.PeakRss} MB); alone {alone.Startup.Seconds:0.00} s ({alone.Startup.PeakRss} MB)");
        Console.WriteLine("| request (one administration's coordinator) | p50 ms | p95 ms | runs | alone p50 ms | alone p95 ms | cost of sharing (p95) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        double P95(List<string[]> lines, string row) => double.Parse(lines.Single(l => l[0] == "row" && l[1] == row)[3], CultureInfo.InvariantCulture);
        var worstRatio = 0.0;
        foreach (var row in CoordinatorRows)
        {
            var shared = city.Lines.Single(l => l[0] == "row" && l[1] == row);
            var single = alone.Lines.Single(l => l[0] == "row" && l[1] == row);
            var ratio = P95(city.Lines, row) / Math.Max(0.1, P95(alone.Lines, row));
            worstRatio = Math.Max(worstRatio, ratio);
            Console.WriteLine($"| {row} | {shared[2]} | {shared[3]} | {shared[4]} | {single[2]} | {single[3]} | {ratio:0.00}× |");
        }

        var citySummary = city.Lines.Single(l => l[0] == "row" && l[1] == "city summary (year)");
        Console.WriteLine($"| city summary (year, every administration) | {citySummary[2]} | {citySummary[3]} | {citySummary[4]} | – | – | – |");

        var worst = CoordinatorRows.Max(r => P95(city.Lines, r));
        var memory = double.Parse(index[3], CultureInfo.InvariantCulture);
        var label = $"{administrations} × {perAdministration:N0}";
        yield return Verdict(provider, $"{label}: inbox, filters and key figures p95 ≤ 100 ms (worst {worst:0.0} ms)", worst <= 100);
        yield return Verdict(provider, $"{label}: city summary p95 ≤ 300 ms ({P95(city.Lines, "city summary (year)"):0.0} ms)", P95(city.Lines, "city summary (year)") <= 300);
        yield return Verdict(provider, $"{label}: start-up to ready ≤ 10 s ({city.Startup.Seconds:0.00} s)", city.Startup.Seconds <= 10);
        yield return Verdict(provider, $"{label}: index memory ≤ 1 GB ({memory:0} MB managed; service peak RSS at start {city.Startup.PeakRss} MB)", memory <= 1000 && city.Startup.PeakRss <= 1024);
        yield return Verdict(provider, $"{label}: cost of sharing ≤ 1.3× one administration alone (worst {worstRatio:0.00}× p95)", worstRatio <= 1.3);
    }

    private static string Verdict(string provider, string target, bool met) => $"target ({provider}): {target}: {(met ? "met" : "NOT met")}";
}
