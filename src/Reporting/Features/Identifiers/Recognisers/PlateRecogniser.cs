using System.Text.RegularExpressions;

namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// Swedish registration plates: three letters from the 23 in use (no I, Q, V, Å, Ä, Ö) and three
/// digits, or two digits and a letter (ABC 123, ABC 12A), any case, with or without the space.
/// Lower-case words that happen to fit ("och 100") and known codes shaped like plates (AFA 161)
/// are left alone.
/// </summary>
public sealed partial class PlateRecogniser : IIdentifierRecogniser
{
    [GeneratedRegex(@"(?<![\p{L}\p{N}@#/_.\-])(?<letters>[A-HJ-PR-UW-Z]{3})[\s\-]?(?<digits>[0-9]{2}[0-9A-HJ-NPR-UW-Z])(?![\p{L}\p{N}])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Shape();

    private static readonly HashSet<string> Codes = new(StringComparer.OrdinalIgnoreCase) { "AFA 161", "AFA161" };

    // Three-letter words in Swedish and English that may stand before a number in running text.
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "och", "att", "det", "den", "som", "för", "med", "har", "var", "kan", "ska", "man", "men", "mer", "nya", "alla", "åtta", "sex",
        "tre", "ett", "två", "sju", "tio", "elt", "kap", "kom", "fem", "per", "cirka", "ser", "sen", "ger", "tar", "går", "hur", "han", "hon",
        "oss", "dem", "dom", "nej", "vet", "bor", "fyr", "the", "and", "for", "was", "are", "has", "had", "not", "all", "any", "its", "him",
        "her", "our", "out", "you", "who", "why", "how", "now", "new", "one", "two", "six", "ten", "got", "saw", "put", "set", "see", "run",
        "age", "day", "job", "buy", "pay", "use", "way", "top", "low", "big", "old", "few", "ago", "yes", "off", "own", "per", "via", "ort",
        "kvm", "mil", "sek", "eur", "usd", "nok", "dkk", "kmh", "cal", "gen", "ver", "nov", "dec", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "okt", "oct", "tel", "fax", "box", "sal", "rum", "hus", "lgh", "plan", "bus", "ssk", "nmr", "sfi",
    };

    public void Find(string text, List<Candidate> candidates)
    {
        if (!TextContext.HasDigit(text))
        {
            return;
        }

        foreach (Match match in Shape().Matches(text))
        {
            var letters = match.Groups["letters"].Value;
            if (Codes.Contains(match.Value) || (Words.Contains(letters) && !IsUpper(letters)))
            {
                continue;
            }

            // All upper-case with digits is the plate's own layout; mixed case is a word.
            if (!IsUpper(letters) && !IsLower(letters))
            {
                continue;
            }

            candidates.Add(new Candidate(IdentifierKinds.Plate, match.Index, match.Index + match.Length, IsUpper(letters) ? 0.8 : 0.6));
        }
    }

    private static bool IsUpper(string s) => s.All(char.IsUpper);

    private static bool IsLower(string s) => s.All(char.IsLower);
}
