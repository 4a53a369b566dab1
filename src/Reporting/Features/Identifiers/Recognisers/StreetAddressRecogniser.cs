using System.Text.RegularExpressions;

namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// A street address with a house number: a street name with a Swedish street ending (Kvarngatan,
/// Ängsvägen, Stortorget, Rinkebystråket…) or a separate "väg"/"gata" word, a number, an optional
/// letter and an optional "lgh NNNN"; also English "12 Baker Street". A street named without a
/// number ("längs Storgatan") identifies no one and is left alone, and so is "plan 2" (a floor).
/// </summary>
public sealed partial class StreetAddressRecogniser : IIdentifierRecogniser
{
    private const string Endings =
        "gatan|gata|vägen|väg|gränd|gränden|stigen|stig|backen|backe|torget|torg|allén|allé|plan|planen|leden|kajen|kaj|" +
        "stråket|slingan|gången|platsen|bron|promenaden|esplanaden|parken|höjden|liden|ringen|gärdet|stranden|udden|holmen";

    private const string Number =
        @"\s+\d{1,4}(?:\s?[A-Z](?![\p{L}\p{N}])|[a-z](?![\p{L}\p{N}]))?(?:,?\s+lgh\.?\s*\d{3,4})?(?![\p{N}]|[.:,]\d)";

    // Each word is taken whole (atomic), must be followed by a number (most words fail here at once),
    // and only then is its ending checked, looking back: no backtracking through the endings.
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])(?:(?>\p{Lu}[\p{L}\-]*)(?=\s+\d)(?<=\p{L}(?:" + Endings + @"))" +
        @"|(?>\p{Ll}[\p{L}\-]*)(?=\s+\d)(?<=\p{L}(?:gatan|vägen))" +
        @"|(?:\p{Lu}\p{Ll}+\s){1,2}(?:väg|gata|gränd|torg|allé|gård))" + Number,
        RegexOptions.CultureInvariant)]
    private static partial Regex Swedish();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])\d{1,4}\s?[A-Za-z]?\s+(?:\p{Lu}\p{Ll}+\s){1,2}(?:Street|Road|Avenue|Lane|Drive|Close|Way|Place|Square)\b", RegexOptions.CultureInvariant)]
    private static partial Regex English();

    private static bool IsYear(string address)
    {
        var digits = new string([.. address.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit)]);
        return digits.Length == 4 && digits[0] is '1' or '2' && int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) is >= 1900 and <= 2099
            && address.TrimEnd().EndsWith(digits, StringComparison.Ordinal);
    }

    public void Find(string text, List<Candidate> candidates)
    {
        if (!TextContext.HasDigit(text))
        {
            return;
        }

        foreach (Match match in Swedish().Matches(text))
        {
            if (IsYear(match.Value))
            {
                continue; // "attacken på Drottninggatan 2017": a year, not a house number
            }

            candidates.Add(new Candidate(IdentifierKinds.Address, match.Index, match.Index + match.Length, 0.8));
        }

        foreach (Match match in English().Matches(text))
        {
            candidates.Add(new Candidate(IdentifierKinds.Address, match.Index, match.Index + match.Length, 0.75));
        }
    }
}
