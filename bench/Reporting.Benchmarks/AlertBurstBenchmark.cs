using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Reporting.Benchmarks;

/// <summary>
/// Issue 22's alert row: a burst of reports against the built service (default coalescing, 30 s) and
/// the e-mails it writes to its pickup folder: how many, and whether their counts add up to the
/// burst. Target: at most a handful (≤ 5) of e-mails whose counts sum to exactly the reports sent.
/// </summary>
public static partial class AlertBurstBenchmark
{
    public const int MaxEmails = 5;

    [GeneratedRegex(@"(\d+) nya rapporter har kommit in")]
    private static partial Regex Several();

    public static async Task RunAsync(int reports)
    {
        var root = IntakeBenchmark.FindRepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var serviceDll = Path.Combine(root, "src", "Reporting", "bin", configuration, "net10.0", "Reporting.dll");
        var data = Path.Combine(Path.GetTempPath(), "reporting-bench", Guid.NewGuid().ToString("N"));
        var pickup = Path.Combine(data, "mail");
        var port = ServerProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Storage__DataDirectory"] = data,
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["RateLimiting__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Notifications__Recipients__0"] = "samordnare@example.invalid",
        };
        Console.WriteLine();
        Console.WriteLine($"Alerts · a burst of {reports} reports, Notifications:CoalesceSeconds at its default (30 s), mail to the pickup folder");
        try
        {
            await using var service = await ServerProcess.StartAsync(serviceDll, [], environment, port);
            using var client = new HttpClient { BaseAddress = service.BaseAddress };
            var clock = Stopwatch.StartNew();
            var next = 0;
            var failures = 0;
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) <= reports)
                {
                    using var response = await client.PostAsJsonAsync("/api/reports", IntakeBenchmark.Report());
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            }));
            var burst = clock.Elapsed;

            var counts = new List<int>();
            while (clock.Elapsed < TimeSpan.FromMinutes(3))
            {
                counts = Directory.Exists(pickup) ? [.. Directory.GetFiles(pickup, "*.eml").Order().Select(CountIn)] : [];
                if (counts.Sum() >= reports - failures)
                {
                    break;
                }

                await Task.Delay(500);
            }

            var last = clock.Elapsed;
            var met = failures == 0 && counts.Count <= MaxEmails && counts.Sum() == reports;
            Console.WriteLine($"  {reports} reports sent in {burst.TotalSeconds:0.0} s ({failures} failed) → {counts.Count} e-mails, counts {string.Join(" + ", counts)} = {counts.Sum()}, " +
                $"all mail written {last.TotalSeconds:0.0} s after the first report");
            Console.WriteLine($"  target: ≤ {MaxEmails} e-mails whose counts add up to {reports}: {(met ? "met" : "NOT met")}");
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // a file still held by the stopped service; the temp folder is cleaned later
            }
        }
    }

    /// <summary>How many reports an alert counts: "3 nya rapporter har kommit in", or one for "Ny rapport har kommit in".</summary>
    private static int CountIn(string file)
    {
        using var message = MimeKit.MimeMessage.Load(file);
        var text = $"{message.Subject}\n{message.TextBody}";
        return Several().Match(text) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : text.Contains("Ny rapport har kommit in", StringComparison.Ordinal) ? 1 : 0;
    }
}
