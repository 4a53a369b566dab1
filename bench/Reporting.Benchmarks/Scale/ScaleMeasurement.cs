using System.Diagnostics;
using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Features.Reports.Indexing;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Benchmarks.Scale;

/// <summary>
/// Runs in a process of its own per database and mode, so its peak memory is its own: either the
/// service's use cases through its mediator ("index"), or the same questions answered by opening
/// every report ("baseline"). Prints one tab-separated line per row for the parent to tabulate.
/// </summary>
public static class ScaleMeasurement
{
    private const string Actor = "benchmark@kommun.example";
    private static readonly Quarter Quarter = new(2026, 3);
    private const int Year = 2025;

    public static async Task<int> RunAsync(ScaleDatabase database, string mode, TimeSpan budget, bool pdfOnly)
    {
        var started = Stopwatch.StartNew();
        await using var host = new BenchHost(database);
        var services = host.Services; // starts the host: migrations checked, facets backfilled, index built
        var hostStart = started.Elapsed;
        if (mode is "index" or "tenant")
        {
            Line("host start (index built)", [hostStart.TotalMilliseconds], 0);
            await IndexCostAsync(services);
        }

        var rows = mode switch
        {
            "index" => IndexRows(services),
            "tenant" => TenantRows(services),
            _ => BaselineRows(services),
        };
        foreach (var (name, run) in rows)
        {
            if (pdfOnly && !name.StartsWith("PDF", StringComparison.Ordinal))
            {
                continue;
            }

            ResetPeak();
            await run(); // warm-up
            var times = new List<double>();
            var until = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
            while (times.Count < 5 || (times.Count < 200 && Stopwatch.GetTimestamp() < until))
            {
                var t0 = Stopwatch.GetTimestamp();
                await run();
                times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }

            Line(name, times, PeakRssMegabytes());
        }

        return 0;
    }

    private static IEnumerable<(string Name, Func<Task> Run)> IndexRows(IServiceProvider services)
    {
        async Task Send<T>(IQuery<T> query)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
        }

        async Task Aggregate(Func<IServiceProvider, Task> work)
        {
            await using var scope = services.CreateAsyncScope();
            await work(scope.ServiceProvider);
        }

        yield return ("inbox first page", () => Send(new ListReportsQuery(Actor)));
        yield return ("inbox filtered by environment", () => Send(new ListReportsQuery(Actor, Environment: "islamist")));
        yield return ("page 20 of a filter", () => Send(new ListReportsQuery(Actor, Environment: "white-power", Page: 20)));
        yield return ("key figures (quarter)", () => Send(new BuildQuarterSummaryQuery(Actor, Quarter)));
        yield return ("quarterly aggregation", () => Aggregate(s => s.GetRequiredService<QuarterAggregation>().BuildAsync(Quarter, false, CancellationToken.None)));
        yield return ("yearly aggregation", () => Aggregate(s => s.GetRequiredService<YearAggregation>().BuildAsync(Year, CancellationToken.None)));
        yield return ("PDF shareable (quarter)", () => Send(new ExportQuarterSummaryQuery(Actor, Quarter, SummaryVariant.Shareable)));
        yield return ("PDF internal (quarter)", () => Send(new ExportQuarterSummaryQuery(Actor, Quarter, SummaryVariant.Internal)));
    }

    /// <summary>
    /// One administration's coordinator (the first's) in a city of several, or the coordinator of a
    /// deployment with one; in a city also the city's summary of a year.
    /// </summary>
    private static IEnumerable<(string Name, Func<Task> Run)> TenantRows(IServiceProvider services)
    {
        var administrations = services.GetRequiredService<Reporting.Features.Administrations.AdministrationCatalogue>();
        async Task AsCoordinator<T>(IQuery<T> query)
        {
            await using var scope = services.CreateAsyncScope();
            if (administrations.AreSeveral)
            {
                scope.ServiceProvider.GetRequiredService<Reporting.Features.Administrations.AdministrationScope>().Enter(administrations.Home, administrations.Stored(administrations.Home));
            }

            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
        }

        async Task AsCity<T>(IQuery<T> query)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
        }

        yield return ("inbox first page", () => AsCoordinator(new ListReportsQuery(Actor)));
        yield return ("inbox filtered by environment", () => AsCoordinator(new ListReportsQuery(Actor, Environment: "islamist")));
        yield return ("page 20 of a filter", () => AsCoordinator(new ListReportsQuery(Actor, Environment: "white-power", Page: 20)));
        yield return ("key figures (quarter)", () => AsCoordinator(new BuildQuarterSummaryQuery(Actor, Quarter)));
        if (administrations.AreSeveral)
        {
            yield return ("city summary (year)", () => AsCity(new Reporting.Features.City.BuildCitySummaryQuery(Actor, Year)));
        }
    }

    private static IEnumerable<(string Name, Func<Task> Run)> BaselineRows(IServiceProvider services)
    {
        async Task With(Func<DecryptEverything, IServiceProvider, Task> work)
        {
            await using var scope = services.CreateAsyncScope();
            await work(new DecryptEverything(scope.ServiceProvider.GetRequiredService<ReportingDbContext>(), scope.ServiceProvider.GetRequiredService<ReportSealer>()), scope.ServiceProvider);
        }

        async Task Pdf(SummaryVariant variant) => await With(async (baseline, s) =>
        {
            // The first wave: open the eight quarters, then lay out the same document.
            await baseline.QuarterAsync(Quarter, keep: variant == SummaryVariant.Internal);
            var (summary, lines) = await s.GetRequiredService<QuarterAggregation>().BuildAsync(Quarter, variant == SummaryVariant.Internal, CancellationToken.None);
            _ = new QuarterlySummaryDocument(summary, lines, variant, s.GetRequiredService<OrganisationProfile>(), 3, DateTimeOffset.UtcNow).Render();
        });

        yield return ("inbox first page", () => With((b, _) => b.InboxAsync(null, 1)));
        yield return ("inbox filtered by environment", () => With((b, _) => b.InboxAsync("islamist", 1)));
        yield return ("page 20 of a filter", () => With((b, _) => b.InboxAsync("white-power", 20)));
        yield return ("key figures (quarter)", () => With((b, _) => b.QuarterAsync(Quarter, keep: false)));
        yield return ("quarterly aggregation", () => With((b, _) => b.QuarterAsync(Quarter, keep: false)));
        yield return ("yearly aggregation", () => With((b, _) => b.PeriodAsync(new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31), keep: false)));
        yield return ("PDF shareable (quarter)", () => Pdf(SummaryVariant.Shareable));
        yield return ("PDF internal (quarter)", () => Pdf(SummaryVariant.Internal));
    }

    /// <summary>What the index costs on its own: a second one built from scratch, its time and the managed memory it keeps.</summary>
    private static async Task IndexCostAsync(IServiceProvider services)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new ReportIndex(services.GetRequiredService<IDbContextFactory<ReportingDbContext>>(), services.GetRequiredService<ReportSealer>(), copies: null, NullLogger<ReportIndex>.Instance);
        var watch = Stopwatch.StartNew();
        var snapshot = await index.CurrentAsync(CancellationToken.None);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(index);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index\t{snapshot.Count}\t{elapsed:0}\t{(after - before) / 1_000_000.0:0.0}"));

        // What a start reads instead: the sealed copy, stored as of now, opened by a third index.
        await services.GetRequiredService<ReportIndex>().StoreCopyAsync(CancellationToken.None);
        var fromCopy = new ReportIndex(services.GetRequiredService<IDbContextFactory<ReportingDbContext>>(), services.GetRequiredService<ReportSealer>(), services.GetRequiredService<ReportIndexCopies>(), NullLogger<ReportIndex>.Instance);
        watch.Restart();
        var loaded = await fromCopy.CurrentAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index-copy\t{loaded.Count}\t{watch.Elapsed.TotalMilliseconds:0}"));
    }

    private static void Line(string name, List<double> milliseconds, long peakMegabytes)
    {
        milliseconds.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"row\t{name}\t{Percentile(milliseconds, 0.50):0.0}\t{Percentile(milliseconds, 0.95):0.0}\t{milliseconds.Count}\t{peakMegabytes}"));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];

    /// <summary>Linux: writing 5 to clear_refs resets the peak resident set (VmHWM), so each row's peak is its own.</summary>
    private static void ResetPeak()
    {
        GC.Collect();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // Not Linux or not allowed: the peak is then the process's peak so far.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static long PeakRssMegabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return -1;
    }
}
