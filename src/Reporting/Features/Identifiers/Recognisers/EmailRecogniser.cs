using System.Text.RegularExpressions;

namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// E-mail addresses, whole (a name inside one is not reported separately), also with a space on
/// either side of the at-sign, as pasted text with no-break spaces gives them ("kalle @ example.se");
/// "min kollega @ fritids" has no domain and is left alone.
/// </summary>
public sealed partial class EmailRecogniser : IIdentifierRecogniser
{
    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+\-])[\p{L}\p{N}._%+\-]+ ?@ ?[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}(?![\p{L}\p{N}\-])", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public void Find(string text, List<Candidate> candidates)
    {
        if (!text.Contains('@'))
        {
            return;
        }

        foreach (Match match in Shape().Matches(text))
        {
            var value = match.ValueSpan;
            var start = match.Index;
            // A sentence's full stop or a leading dot is not part of the address.
            while (value.Length > 0 && value[0] == '.')
            {
                value = value[1..];
                start++;
            }

            candidates.Add(new Candidate(IdentifierKinds.Email, start, start + value.Length, 0.95));
        }
    }
}
