using System.Text.RegularExpressions;

namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// A Swedish postal code (NNN NN or NNNNN) when a place name follows it, as in "112 21 Stockholm"
/// or "58222 Linköping". Five digits alone are too often something else to report.
/// </summary>
public sealed partial class PostalCodeRecogniser : IIdentifierRecogniser
{
    [GeneratedRegex(@"(?<![\p{L}\p{N}\-+.,])(?:SE-?\s?)?(?<code>[1-9][0-9]{2} ?[0-9]{2})(?=\s+\p{Lu}\p{Ll}{2,})", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    private static readonly HashSet<string> NotPlaces = new(StringComparer.Ordinal)
    {
        "Elever", "Personer", "Kronor", "Kr", "Barn", "Deltagare", "Medlemmar", "Visningar", "Följare", "People", "Pupils", "Members", "Followers",
    };

    public void Find(string text, List<Candidate> candidates)
    {
        if (!TextContext.HasDigit(text))
        {
            return;
        }

        foreach (Match match in Shape().Matches(text))
        {
            var code = match.Groups["code"];
            var after = code.Index + code.Length;
            var wordStart = after;
            while (wordStart < text.Length && char.IsWhiteSpace(text[wordStart]))
            {
                wordStart++;
            }

            var wordEnd = wordStart;
            while (wordEnd < text.Length && char.IsLetter(text[wordEnd]))
            {
                wordEnd++;
            }

            if (NotPlaces.Contains(text[wordStart..wordEnd]))
            {
                continue;
            }

            candidates.Add(new Candidate(IdentifierKinds.PostalCode, code.Index, after, 0.8));
        }
    }
}
