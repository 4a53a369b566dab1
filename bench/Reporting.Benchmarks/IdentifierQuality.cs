using System.Text.Json;
using Reporting.Features.Identifiers;

namespace Reporting.Benchmarks;

/// <summary>
/// The identifier check's quality on any labelled file in the development corpus's format, without
/// the tests' thresholds: for trying the check on texts it was not tuned on.
/// <c>dotnet run -c Release --project bench/Reporting.Benchmarks -- quality FILE.jsonl</c>
/// </summary>
public static class IdentifierQuality
{
    public static int Run(string path)
    {
        var scanner = IdentifierScanner.CreateDefault(TimeProvider.System);
        var labelled = new SortedDictionary<string, (int Found, int Total)>(StringComparer.Ordinal);
        int findings = 0, correct = 0;
        foreach (var line in File.ReadLines(path))
        {
            using var json = JsonDocument.Parse(line);
            var id = json.RootElement.GetProperty("id").GetString();
            var text = json.RootElement.GetProperty("text").GetString()!;
            var spans = json.RootElement.GetProperty("spans").EnumerateArray()
                .Select(s => (Start: s.GetProperty("start").GetInt32(), End: s.GetProperty("end").GetInt32(), Kind: s.GetProperty("kind").GetString()!))
                .ToList();
            var found = scanner.Scan(text);
            foreach (var span in spans)
            {
                var hit = found.Any(f => f.Start < span.End && span.Start < f.End);
                var (f, t) = labelled.GetValueOrDefault(span.Kind);
                labelled[span.Kind] = (f + (hit ? 1 : 0), t + 1);
                if (!hit)
                {
                    Console.WriteLine($"  missed {span.Kind} in {id}: {text[span.Start..span.End]}");
                }
            }

            foreach (var finding in found)
            {
                findings++;
                if (spans.Any(s => finding.Start < s.End && s.Start < finding.End))
                {
                    correct++;
                }
                else
                {
                    Console.WriteLine($"  false {finding.Kind} in {id}: {text[finding.Start..finding.End]}");
                }
            }
        }

        Console.WriteLine("| kind | labelled | found | recall |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (kind, (f, t)) in labelled)
        {
            Console.WriteLine($"| {kind} | {t} | {f} | {(double)f / t:0.000} |");
        }

        Console.WriteLine($"| **precision** | {findings} findings | {correct} correct | {(findings == 0 ? 1 : (double)correct / findings):0.000} |");
        return 0;
    }
}
