using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Benchmarks;

/// <summary>
/// The quarterly PDF for 1,000 and 10,000 reports in one quarter, from a real SQLite file with
/// encrypted reports: the same-run baseline is the aggregation alone (reading and decrypting every
/// report of the eight quarters), then both variants of the PDF. Target: 10,000 reports in ≤ 3 s.
/// </summary>
public static class PdfBenchmark
{
    private static readonly string[] Environments = ["white-power", "autonomous", "islamist", "other", "unknown"];
    private static readonly string[] Kinds = ["concern", "incident", "information"];
    private static readonly string[] Units = ["forskola", "grundskola", "fritidsgard", "faltassistenter", "socialtjanst-barn-unga"];
    private static readonly string[] Observations = ["symbols", "propaganda", "stickers", "graffiti", "statements", "online"];

    public static async Task RunAsync()
    {
        Console.WriteLine();
        Console.WriteLine("Quarterly PDF · reports in one quarter, median of 3 runs after a warm-up");
        Console.WriteLine("| reports | run | seconds | pages | PDF KB | allocated MB | peak RSS MB |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (var count in new[] { 1_000, 10_000 })
        {
            var folder = Directory.CreateTempSubdirectory("reporting-pdf-bench-");
            try
            {
                var (db, aggregation, organisation) = await SeedAsync(folder.FullName, count);
                await using (db)
                {
                    var quarter = new Quarter(2026, 3);
                    Report(count, "baseline: aggregation only", await TimeAsync(async () => { await aggregation.BuildAsync(quarter, true, CancellationToken.None); return (0, 0); }));
                    foreach (var variant in new[] { SummaryVariant.Internal, SummaryVariant.Shareable })
                    {
                        var result = await TimeAsync(async () =>
                        {
                            var (summary, reports) = await aggregation.BuildAsync(quarter, variant == SummaryVariant.Internal, CancellationToken.None);
                            var pdf = new QuarterlySummaryDocument(summary, reports, variant, organisation, 3, DateTimeOffset.UtcNow).Render();
                            return (CountPages(pdf), pdf.Length);
                        });
                        Report(count, $"PDF {variant.ToString().ToLowerInvariant()}", result);
                    }
                }
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                folder.Delete(recursive: true);
            }
        }

        Console.WriteLine("target: 10,000 reports ≤ 3 s");
    }

    private static void Report(int count, string run, (double Seconds, int Pages, int Bytes, long Allocated) r) =>
        Console.WriteLine($"| {count:N0} | {run} | {r.Seconds:0.00} | {(r.Pages == 0 ? "–" : r.Pages)} | {(r.Bytes == 0 ? "–" : (r.Bytes / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture))} | {r.Allocated / 1_000_000} | {Process.GetCurrentProcess().PeakWorkingSet64 / 1_000_000} |");

    private static async Task<(double Seconds, int Pages, int Bytes, long Allocated)> TimeAsync(Func<Task<(int Pages, int Bytes)>> run)
    {
        await run(); // warm-up
        var times = new List<double>();
        (int Pages, int Bytes) last = default;
        long allocated = 0;
        for (var i = 0; i < 3; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            last = await run();
            times.Add(watch.Elapsed.TotalSeconds);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        times.Sort();
        return (times[1], last.Pages, last.Bytes, allocated);
    }

    /// <summary>Counts pages by their page objects, without a PDF reader dependency.</summary>
    private static int CountPages(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b");

    private static async Task<(ReportingDbContext Db, QuarterAggregation Aggregation, OrganisationProfile Organisation)> SeedAsync(string folder, int count)
    {
        var options = new DbContextOptionsBuilder<SqliteReportingDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "bench.db")}").Options;
        var db = new SqliteReportingDbContext(options);
        await db.Database.MigrateAsync();
        var cipher = new EnvelopeCipher(new KeyRing([KeyEncryptionKey.Generate()], "benchmark"));
        var sealer = new ReportSealer(cipher);
        var organisation = new OrganisationProfile(Options.Create(new OrganisationOptions()), TimeProvider.System);
        var random = new Random(7);
        var first = new DateOnly(2026, 7, 1);
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < count; i++)
        {
            var received = first.AddDays(random.Next(92));
            var id = Guid.NewGuid();
            var (record, _) = Reporting.Features.Reports.Report.Submit(id, received, Guid.NewGuid().ToByteArray(), sealer.Seal(id, new ReportContent(
                Kinds[random.Next(Kinds.Length)], received.AddDays(-random.Next(5)), Units[random.Next(Units.Length)], "stadshagen",
                Environments[random.Next(Environments.Length)], [Observations[random.Next(Observations.Length)], Observations[random.Next(Observations.Length)]],
                "schoolyard", "13-15", "unknown", "one", ["manager"],
                string.Concat(Enumerable.Repeat("Klistermärken med symboler hittades vid entrén och togs bort av personalen samma dag. ", 1 + random.Next(4))),
                null)));
            record.AssignReference(new ReportReference(2026, i + 1));
            db.Reports.Add(record);
            if (i % 1000 == 999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        await transaction.CommitAsync();
        return (db, new QuarterAggregation(db, sealer, organisation), organisation);
    }
}
