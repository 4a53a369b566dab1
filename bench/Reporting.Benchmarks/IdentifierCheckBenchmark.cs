using System.Text.Json;
using System.Text.RegularExpressions;
using Reporting.Features.Identifiers;

namespace Reporting.Benchmarks;

/// <summary>
/// Identifier-check throughput on report-like texts, against a baseline measured in the same run:
/// one compiled regex pass over the same texts (the floor cost of reading every character once).
/// Target: at least 5 MB/s on one core.
/// </summary>
public static partial class IdentifierCheckBenchmark
{
    public static void Run(TimeSpan duration)
    {
        var texts = LoadTexts();
        var scanner = IdentifierScanner.CreateDefault(TimeProvider.System);
        var baseline = Measurement.Run("baseline: one regex pass", texts, text => Words().Count(text), duration);
        var check = Measurement.Run("identifier check", texts, text => scanner.Scan(text).Count, duration);

        Console.WriteLine();
        Console.WriteLine($"Identifier check · {texts.Count} texts, {texts.Average(t => t.Length):0} characters on average");
        Console.WriteLine("| run | texts/s | MB/s | p50 µs | p99 µs | allocated/text | peak RSS MB | vs baseline |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in new[] { baseline, check })
        {
            Console.WriteLine($"| {m.Name} | {m.OperationsPerSecond:0} | {m.MegabytesPerSecond:0.0} | {m.P50Microseconds:0.0} | {m.P99Microseconds:0.0} | {m.AllocatedBytes / Math.Max(1, m.Operations):0} B | {m.PeakWorkingSet / 1_000_000} | {m.MegabytesPerSecond / baseline.MegabytesPerSecond:0.00} |");
        }

        Console.WriteLine(check.MegabytesPerSecond >= 5 ? "target ≥ 5 MB/s: met" : "target ≥ 5 MB/s: NOT met");

        Console.WriteLine();
        Console.WriteLine("Per recogniser (where the time goes):");
        Console.WriteLine("| recogniser | MB/s |");
        Console.WriteLine("|---|---:|");
        foreach (var recogniser in scanner.Recognisers)
        {
            var candidates = new List<Candidate>();
            var m = Measurement.Run(recogniser.GetType().Name, texts, text =>
            {
                candidates.Clear();
                recogniser.Find(text, candidates);
                return candidates.Count;
            }, duration / 4);
            Console.WriteLine($"| {m.Name} | {m.MegabytesPerSecond:0.0} |");
        }
    }

    /// <summary>The development corpus when it is beside the repository, else built-in report-like texts.</summary>
    private static List<string> LoadTexts()
    {
        var corpus = FindUpwards(Path.Combine("shared", "data", "pii-dev.jsonl"));
        if (corpus is not null)
        {
            return [.. File.ReadLines(corpus).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!)];
        }

        return
        [
            "Eleven Wilma i 9C har berättat att hennes pappa är med i NMR. Pappans pnr enligt systemet: 811218-9876.\nMvh Eva, mentor",
            "Klistermärken från Aktivklubb vid Centrumgången, ca 30 st. Vaktmästaren tog bort dem kl 07.40. Inga namn kända.",
            "A man called from +46 8 123 456 78 and threatened to burn the place down. He gave his name as Lars-Erik Holm.",
            "Bil med reg ABC 123 har setts vid fritidsgården tre kvällar. Kontot @nordic_wolf_88 skickade hot till personalen.",
        ];
    }

    private static string? FindUpwards(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\p{L}+|\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
