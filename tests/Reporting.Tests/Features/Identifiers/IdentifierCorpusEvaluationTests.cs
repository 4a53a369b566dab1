using System.Text;
using System.Text.Json;
using Reporting.Features.Identifiers;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Identifiers;

/// <summary>
/// Quality on the labelled development corpus, measured as the issue defines it: a labelled span
/// is found when any finding overlaps it; a finding is correct when it overlaps a labelled span.
/// The corpus is for development; the check is also judged on texts we do not have.
/// </summary>
[TestFixture]
public sealed class IdentifierCorpusEvaluationTests
{
    private static readonly string[] StructuredKinds =
    [
        IdentifierKinds.Personnummer, IdentifierKinds.Samordningsnummer, IdentifierKinds.Phone, IdentifierKinds.Email,
        IdentifierKinds.Address, IdentifierKinds.PostalCode, IdentifierKinds.Plate, IdentifierKinds.Ip, IdentifierKinds.Url,
        IdentifierKinds.SocialHandle,
    ];

    private sealed record Span(int Start, int End, string Kind);

    private sealed record Record(string Id, string Text, IReadOnlyList<Span> Spans, bool InvalidLuhn);

    private static readonly IdentifierScanner Scanner = IdentifierScanner.CreateDefault(new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)));

    /// <summary>The second development file, written for this project with the classes the first lacks (Corpus/build.py).</summary>
    private static string OwnCorpus => Path.Combine(AppContext.BaseDirectory, "Features", "Identifiers", "Corpus", "pii-dev2.jsonl");

    [Test]
    public void MeetsTheRecallAndPrecisionTargets() => Evaluate(Load(SharedData.PiiCorpus, minimum: 100), kindsOfTheCorpus: [.. IdentifierKinds.All.Where(k => k != IdentifierKinds.Workplace)]);

    [Test]
    public void MeetsTheTargetsOnTheSecondDevelopmentFile() => Evaluate(Load(OwnCorpus, minimum: 90), kindsOfTheCorpus: IdentifierKinds.All);

    /// <summary>The third pass's development file (Corpus/dev3.txt): names no list holds, accounts, care homes, foreign numbers.</summary>
    [Test]
    public void MeetsTheTargetsOnTheThirdDevelopmentFile() => Evaluate(Load(CorpusFile("pii-dev3.jsonl"), minimum: 100), kindsOfTheCorpus: IdentifierKinds.All);

    /// <summary>
    /// The held-out file (Corpus/heldout3.txt): written before the third pass changed a rule and never
    /// tuned on, so only its totals are printed, never which text was missed.
    /// </summary>
    [Test]
    public void MeetsTheTargetsOnTheHeldOutFile() => Evaluate(Load(CorpusFile("pii-heldout3.jsonl"), minimum: 100), kindsOfTheCorpus: IdentifierKinds.All, listMisses: false);

    private static string CorpusFile(string name) => Path.Combine(AppContext.BaseDirectory, "Features", "Identifiers", "Corpus", name);

    /// <summary>
    /// Prints the corpus's table and checks the targets. A finding of a kind the corpus does not
    /// label (the first corpus predates <c>workplace</c>) is listed but not counted against precision.
    /// </summary>
    private static void Evaluate(List<Record> records, IReadOnlyList<string> kindsOfTheCorpus, bool listMisses = true)
    {
        var labelled = new Dictionary<string, (int Found, int Total)>();
        int correct = 0, findings = 0;
        var misses = new StringBuilder();
        foreach (var record in records)
        {
            var found = Scanner.Scan(record.Text);
            foreach (var span in record.Spans)
            {
                var hit = found.Any(f => f.Start < span.End && span.Start < f.End);
                var (f, t) = labelled.GetValueOrDefault(span.Kind);
                labelled[span.Kind] = (f + (hit ? 1 : 0), t + 1);
                if (!hit)
                {
                    misses.AppendLine($"  missed {span.Kind} in {record.Id}: {record.Text[span.Start..span.End]}");
                }
            }

            foreach (var finding in found)
            {
                if (!kindsOfTheCorpus.Contains(finding.Kind))
                {
                    misses.AppendLine($"  ({finding.Kind}, not a kind of this corpus) in {record.Id}: {record.Text[finding.Start..finding.End]}");
                    continue;
                }

                findings++;
                if (record.Spans.Any(s => finding.Start < s.End && s.Start < finding.End))
                {
                    correct++;
                }
                else
                {
                    misses.AppendLine($"  false {finding.Kind} in {record.Id}: {record.Text[finding.Start..finding.End]}");
                }
            }
        }

        var precision = findings == 0 ? 1 : (double)correct / findings;
        TestContext.Out.WriteLine("| kind | labelled | found | recall |");
        TestContext.Out.WriteLine("|---|---:|---:|---:|");
        foreach (var kind in IdentifierKinds.All.Where(labelled.ContainsKey))
        {
            var (f, t) = labelled[kind];
            TestContext.Out.WriteLine($"| {kind} | {t} | {f} | {(double)f / t:0.000} |");
        }

        TestContext.Out.WriteLine($"| **precision** | {findings} findings | {correct} correct | {precision:0.000} |");
        if (listMisses)
        {
            TestContext.Out.WriteLine(misses.ToString());
        }

        Assert.Multiple(() =>
        {
            foreach (var kind in StructuredKinds.Where(labelled.ContainsKey))
            {
                var (f, t) = labelled[kind];
                Assert.That((double)f / t, Is.GreaterThanOrEqualTo(0.98), $"recall for {kind}");
            }

            var (names, nameTotal) = labelled[IdentifierKinds.Name];
            Assert.That((double)names / nameTotal, Is.GreaterThanOrEqualTo(0.95), "recall for names");
            if (labelled.TryGetValue(IdentifierKinds.Workplace, out var workplaces))
            {
                Assert.That((double)workplaces.Found / workplaces.Total, Is.GreaterThanOrEqualTo(0.90), "recall for workplaces");
            }
            Assert.That(precision, Is.GreaterThanOrEqualTo(0.97), "precision");
        });
    }

    [Test]
    public void FlagsNoNumberWhoseCheckDigitIsWrong()
    {
        foreach (var record in Load(SharedData.PiiCorpus, minimum: 100).Where(r => r.InvalidLuhn))
        {
            var unlabelledNumbers = Scanner.Scan(record.Text)
                .Where(f => f.Kind is IdentifierKinds.Personnummer or IdentifierKinds.Samordningsnummer)
                .Where(f => !record.Spans.Any(s => f.Start < s.End && s.Start < f.End));
            Assert.That(unlabelledNumbers, Is.Empty, record.Id);
        }
    }

    private static List<Record> Load(string path, int minimum)
    {
        var records = new List<Record>();
        foreach (var line in File.ReadLines(path))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var spans = root.GetProperty("spans").EnumerateArray()
                .Select(s => new Span(s.GetProperty("start").GetInt32(), s.GetProperty("end").GetInt32(), s.GetProperty("kind").GetString()!))
                .ToList();
            records.Add(new Record(
                root.GetProperty("id").GetString()!,
                root.GetProperty("text").GetString()!,
                spans,
                root.TryGetProperty("note", out var note) && note.GetString() == "invalid luhn"));
        }

        Assert.That(records, Has.Count.GreaterThan(minimum));
        return records;
    }
}
