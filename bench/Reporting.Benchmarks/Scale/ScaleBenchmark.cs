using System.Diagnostics;
using System.Globalization;

namespace Reporting.Benchmarks.Scale;

/// <summary>
/// The coordinator's side at a city's scale: seeded databases of 10,000 and 100,000 reports (SQLite,
/// and PostgreSQL where installed), the service's use cases measured in a process of their own,
/// against the first wave's "decrypt everything" answers measured in another process in the same
/// run, and the real service's start-up to ready. Targets at 100,000 reports: every inbox request
/// and the key figures ≤ 100 ms p95, yearly aggregation ≤ 300 ms, start-up ≤ 5 s; the internal
/// quarterly PDF (10,000 reports in that quarter) ≤ 3 s with peak RSS ≤ 300 MB.
/// </summary>
public static class ScaleBenchmark
{
    public static async Task RunAsync(TimeSpan budget, IReadOnlyList<int> sizes, bool postgres)
    {
        Console.WriteLine();
        Console.WriteLine($"Coordinator side at scale · reports over 2024-Q2..2026-Q3 (a tenth per quarter) · quarter 2026-Q3, year 2025 · up to {budget.TotalSeconds:0} s per row");
        await using var cluster = postgres && ThrowawayPostgres.IsInstalled ? await ThrowawayPostgres.StartAsync() : null;
        if (postgres && cluster is null)
        {
            Console.WriteLine("(PostgreSQL rows skipped: /usr/lib/postgresql/15/bin/initdb is missing)");
        }

        var verdicts = new List<string>();
        foreach (var size in sizes)
        {
            foreach (var provider in cluster is null ? new[] { "SQLite" } : ["SQLite", "PostgreSQL"])
            {
                var folder = Directory.CreateTempSubdirectory("reporting-scale-");
                try
                {
                    var connection = provider == "PostgreSQL" ? await cluster!.CreateDatabaseAsync($"scale_{size}") : null;
                    var database = new ScaleDatabase(folder.FullName, connection);
                    await ChildAsync(["scale-seed", "--reports", size.ToString(CultureInfo.InvariantCulture), .. database.Arguments()]);
                    // The seeder's host stored the index's sealed copy at its stop: the first start reads it;
                    // then the copy is dropped and a second start builds the index from every report.
                    var startup = await StartupAsync(database);
                    await DropIndexCopyAsync(database);
                    var startupWithoutCopy = await StartupAsync(database);
                    var index = await ChildAsync(["scale-measure", "--mode", "index", "--seconds", budget.TotalSeconds.ToString(CultureInfo.InvariantCulture), .. database.Arguments()]);
                    var baseline = await ChildAsync(["scale-measure", "--mode", "baseline", "--seconds", budget.TotalSeconds.ToString(CultureInfo.InvariantCulture), .. database.Arguments()]);
                    verdicts.AddRange(Print(size, provider, startup, startupWithoutCopy, index, baseline));
                }
                finally
                {
                    folder.Delete(recursive: true);
                }
            }
        }

        // The internal PDF's own target: 10,000 reports in one quarter, in a service holding just those.
        {
            var folder = Directory.CreateTempSubdirectory("reporting-scale-pdf-");
            try
            {
                var database = new ScaleDatabase(folder.FullName, null);
                await ChildAsync(["scale-seed", "--reports", "10000", "--one-quarter", .. database.Arguments()]);
                var seconds = budget.TotalSeconds.ToString(CultureInfo.InvariantCulture);
                var index = await ChildAsync(["scale-measure", "--mode", "index", "--seconds", seconds, "--pdf-only", .. database.Arguments()]);
                var baseline = await ChildAsync(["scale-measure", "--mode", "baseline", "--seconds", seconds, "--pdf-only", .. database.Arguments()]);
                verdicts.Add(PrintPdf(index, baseline));
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }

        Console.WriteLine();
        foreach (var verdict in verdicts)
        {
            Console.WriteLine(verdict);
        }
    }

    private static IEnumerable<string> Print(
        int size, string provider, (double Seconds, long PeakRss) startup, (double Seconds, long PeakRss) startupWithoutCopy, List<string[]> index, List<string[]> baseline)
    {
        Console.WriteLine();
        Console.WriteLine($"{size:N0} reports · {provider}");
        var cost = index.FirstOrDefault(l => l[0] == "index");
        var copy = index.FirstOrDefault(l => l[0] == "index-copy");
        if (cost is not null)
        {
            Console.WriteLine($"index: {int.Parse(cost[1], CultureInfo.InvariantCulture):N0} reports built in {cost[2]} ms, {cost[3]} MB managed memory; read from its sealed copy in {copy?[2] ?? "–"} ms");
        }

        Console.WriteLine($"service start-up to ready: {startup.Seconds:0.00} s from the sealed copy (RSS {startup.PeakRss} MB), {startupWithoutCopy.Seconds:0.00} s building from every report (RSS {startupWithoutCopy.PeakRss} MB)");

        Console.WriteLine("| request | p50 ms | p95 ms | runs | peak RSS MB | baseline p50 ms | baseline p95 ms | baseline peak RSS MB | speed-up (p50) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var rows = index.Where(l => l[0] == "row" && l[1] != "host start (index built)").ToList();
        foreach (var row in rows)
        {
            var before = baseline.FirstOrDefault(l => l[0] == "row" && l[1] == row[1]);
            var p50 = double.Parse(row[2], CultureInfo.InvariantCulture);
            var baseP50 = before is null ? double.NaN : double.Parse(before[2], CultureInfo.InvariantCulture);
            Console.WriteLine($"| {row[1]} | {row[2]} | {row[3]} | {row[4]} | {row[5]} | {before?[2] ?? "–"} | {before?[3] ?? "–"} | {before?[5] ?? "–"} | {(p50 > 0 ? (baseP50 / p50).ToString("0.0", CultureInfo.InvariantCulture) : "–")}× |");
        }

        if (size < 100_000)
        {
            yield break;
        }

        double P95(string name) => double.Parse(rows.Single(r => r[1] == name)[3], CultureInfo.InvariantCulture);
        long Rss(string name) => long.Parse(rows.Single(r => r[1] == name)[5], CultureInfo.InvariantCulture);
        var inbox = new[] { "inbox first page", "inbox filtered by environment", "page 20 of a filter", "key figures (quarter)" }.Max(P95);
        yield return Verdict(provider, $"100,000 reports: inbox and key figures p95 ≤ 100 ms (worst {inbox:0.0} ms)", inbox <= 100);
        yield return Verdict(provider, $"100,000 reports: yearly aggregation p95 ≤ 300 ms ({P95("yearly aggregation"):0.0} ms)", P95("yearly aggregation") <= 300);
        yield return Verdict(provider, $"100,000 reports: start-up to ready ≤ 5 s ({startup.Seconds:0.00} s from the sealed copy; {startupWithoutCopy.Seconds:0.00} s on a first start without one)", startup.Seconds <= 5);
        yield return Verdict(provider, $"100,000 reports: internal PDF of its 10,000-report quarter ≤ 3 s p95 ({P95("PDF internal (quarter)") / 1000:0.00} s; peak RSS {Rss("PDF internal (quarter)")} MB in a service holding 100,000)", P95("PDF internal (quarter)") <= 3000);
    }

    private static string PrintPdf(List<string[]> index, List<string[]> baseline)
    {
        Console.WriteLine();
        Console.WriteLine("10,000 reports, all in 2026-Q3 · SQLite · the PDF alone");
        Console.WriteLine("| request | p50 ms | p95 ms | runs | peak RSS MB | baseline p50 ms | baseline p95 ms | baseline peak RSS MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in index.Where(l => l[0] == "row" && l[1].StartsWith("PDF", StringComparison.Ordinal)))
        {
            var before = baseline.FirstOrDefault(l => l[0] == "row" && l[1] == row[1]);
            Console.WriteLine($"| {row[1]} | {row[2]} | {row[3]} | {row[4]} | {row[5]} | {before?[2] ?? "–"} | {before?[3] ?? "–"} | {before?[5] ?? "–"} |");
        }

        var pdf = index.Single(l => l[0] == "row" && l[1] == "PDF internal (quarter)");
        var seconds = double.Parse(pdf[3], CultureInfo.InvariantCulture) / 1000;
        var rss = long.Parse(pdf[5], CultureInfo.InvariantCulture);
        return Verdict("SQLite", $"internal PDF of 10,000 reports ≤ 3 s p95 ({seconds:0.00} s) with peak RSS ≤ 300 MB ({rss} MB)", seconds <= 3 && rss <= 300);
    }

    private static string Verdict(string provider, string target, bool met) => $"target ({provider}): {target}: {(met ? "met" : "NOT met")}";

    /// <summary>The built service as a process on the seeded database: seconds until /health/ready answers 200.</summary>
    internal static async Task<(double Seconds, long PeakRss)> StartupAsync(ScaleDatabase database)
    {
        var root = IntakeBenchmark.FindRepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(root, "src", "Reporting", "bin", configuration, "net10.0", "Reporting.dll");
        var port = ServerProcess.FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in database.Environment())
        {
            start.Environment[key] = value;
        }

        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"  [service] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(120) && !process.HasExited)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"));
                    if (response.IsSuccessStatusCode)
                    {
                        var seconds = watch.Elapsed.TotalSeconds;
                        return (seconds, ReadPeak(process.Id));
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                catch (TaskCanceledException)
                {
                }

                await Task.Delay(25);
            }

            throw new InvalidOperationException("The service did not become ready.");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>Deletes the index's stored copy (as on the first start after an upgrade, or after a key rotation).</summary>
    private static async Task DropIndexCopyAsync(ScaleDatabase database)
    {
        await using System.Data.Common.DbConnection connection = database.PostgreSql is { } postgres
            ? new Npgsql.NpgsqlConnection(postgres)
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(database.DataDirectory, "reporting.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = database.PostgreSql is null ? "DELETE FROM ReportIndexCopies" : "DELETE FROM \"ReportIndexCopies\"";
        await command.ExecuteNonQueryAsync();
    }

    private static long ReadPeak(int processId) =>
        File.ReadLines($"/proc/{processId}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).FirstOrDefault(-1);

    /// <summary>Runs this benchmark's own executable with a child verb; returns its tab-separated lines.</summary>
    internal static async Task<List<string[]>> ChildAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Reporting.Benchmarks.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var lines = new List<string[]>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.Add(line.Split('\t'));
        }

        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{arguments[0]} failed with exit code {process.ExitCode}.");
        }

        return lines;
    }
}
