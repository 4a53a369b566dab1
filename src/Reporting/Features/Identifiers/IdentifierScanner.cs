using Reporting.Features.Identifiers.Recognisers;

namespace Reporting.Features.Identifiers;

/// <summary>
/// Runs every recogniser over the text's canonical copy (<see cref="CanonicalText"/>: one way of
/// writing each digit, dash and space, no invisible characters) and resolves overlaps: where
/// findings overlap, the most confident kind wins and the finding covers all of them, so one
/// replacement removes it all. Findings are given in the original text's UTF-16 offsets and cover
/// the whole original identifier. Deterministic: the same text always gives the same findings.
/// </summary>
public sealed class IdentifierScanner(IEnumerable<IIdentifierRecogniser> recognisers)
{
    private readonly IIdentifierRecogniser[] _recognisers = [.. recognisers];

    /// <summary>Every recogniser the service uses, in one place (the endpoint, the intake and the tests share it).</summary>
    public static IdentifierScanner CreateDefault(TimeProvider time) => new(
    [
        new PersonnummerRecogniser(time),
        new PhoneRecogniser(),
        new EmailRecogniser(),
        new IpAddressRecogniser(),
        new StreetAddressRecogniser(),
        new PostalCodeRecogniser(),
        new PlateRecogniser(),
        new SocialMediaRecogniser(SwedishWords.Shipped),
        new WorkplaceRecogniser(),
        new NameRecogniser(NameLexicon.Shipped, SwedishWords.Shipped),
    ]);

    public IReadOnlyList<IIdentifierRecogniser> Recognisers => _recognisers;

    public IReadOnlyList<IdentifierFinding> Scan(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var canonical = CanonicalText.Of(text);
        var candidates = new List<Candidate>();
        foreach (var recogniser in _recognisers)
        {
            recogniser.Find(canonical.Text, candidates);
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        candidates.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var findings = new List<IdentifierFinding>(candidates.Count);
        var group = candidates[0];
        var groupEnd = group.End;
        for (var i = 1; i < candidates.Count; i++)
        {
            var next = candidates[i];
            if (next.Start < groupEnd)
            {
                if (next.Confidence > group.Confidence)
                {
                    group = group with { Kind = next.Kind, Confidence = next.Confidence };
                }

                groupEnd = Math.Max(groupEnd, next.End);
                continue;
            }

            findings.Add(ToFinding(canonical, group, groupEnd));
            group = next;
            groupEnd = next.End;
        }

        findings.Add(ToFinding(canonical, group, groupEnd));
        return findings;
    }

    private static IdentifierFinding ToFinding(CanonicalText canonical, Candidate candidate, int end)
    {
        var (start, originalEnd) = canonical.ToOriginal(candidate.Start, end);
        return new IdentifierFinding(candidate.Kind, start, originalEnd, IdentifierKinds.IsBlocking(candidate.Kind));
    }
}
