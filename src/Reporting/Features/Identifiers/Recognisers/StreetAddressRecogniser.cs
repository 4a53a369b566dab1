using System.Text.RegularExpressions;

namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// A street address with a house number: a street name with any Swedish street ending (Kvarngatan,
/// Fågelbacken, Solbackar, Stenbrinken, Kornhamnsgränd, Tallslingan, Lindallén, Ekbacksliden,
/// Solhöjden, Skeppsbrokajen, Mälarstranden, Hagaplan…), a separate street word ("Olof Palmes
/// gata", "Drottning Kristinas väg", "S:t Eriksgatan"), or any capitalised name after an address cue
/// ("bor på", "adress:"); then a number, a letter, "lgh NNNN"; also English "12 Baker Street". A street
/// named without a number ("längs Storgatan") identifies no one and is left alone, and so is a year
/// after a street name ("attacken på Drottninggatan 2017").
/// </summary>
public sealed partial class StreetAddressRecogniser : IIdentifierRecogniser
{
    private const string Endings =
        "gatan|gata|vägen|väg|gränden|gränd|stigen|stig|backen|backe|backarna|backar|brinken|brink|torget|torg|allén|allé|alle|" +
        "planen|plan|leden|led|kajen|kaj|stråket|stråk|slingan|slinga|gången|gång|platsen|plats|bron|promenaden|esplanaden|parken|" +
        "höjden|höjd|liden|lid|ringen|gärdet|stranden|strand|udden|holmen|terrassen|terrass|kullen|hagen|ängen|viken|vik|" +
        "sluttningen|branten|grinden|grind|trappan|trappor|kroken|krok|hamnen";

    // A house number: digits, an optional letter, an optional "lgh NNNN" or floor ("2 tr"); not a
    // decimal, a time or part of a longer number.
    private const string Number =
        @" [0-9]{1,4}(?: ?[A-Z](?![\p{L}\p{N}])|[a-z](?![\p{L}\p{N}]))?(?:,? (?:lgh|lägenhet)\.? ?[0-9]{3,4})?(?:,? [0-9] ?tr(?:appor)?\b)?(?![\p{N}]|[.:,][0-9])";

    private const string Prefix = @"(?:(?:S:t|St\.|Sankt|Lilla|Stora|Norra|Södra|Östra|Västra|Nedre|Övre|Gamla|Nya) )?";

    // Each word is taken whole (atomic), must be followed by a number (most words fail here at once),
    // and only then is its ending checked, looking back: no backtracking through the endings.
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}:])" + Prefix + @"(?:(?>\p{Lu}[\p{L}\-]*)(?= [0-9])(?<=\p{L}(?:" + Endings + @"))" +
        @"|(?>\p{Ll}[\p{L}\-]*)(?= [0-9])(?<=\p{L}(?:gatan|vägen|gränd|backen|stigen|allén))" +
        @"|(?:\p{Lu}[\p{Ll}:]+\.? ){1,3}(?:gata|väg|gränd|torg|allé|gård|plan|backe|stig|plats|park|kaj|strand|bro))" + Number,
        RegexOptions.CultureInvariant)]
    private static partial Regex Swedish();

    // After an address cue, any capitalised name (one to three words) with a number is an address.
    [GeneratedRegex(
        @"(?<=\b(?i:bor på|bor vid|boende på|bosatt på|flyttat till|flyttade till|adress|adressen|hemadress|hemadressen|adress:|adressen:|lives at|lives on|address|address:|home:|home address:) )" +
        Prefix + @"(?:\p{Lu}[\p{Ll}\-]+ ){0,2}\p{Lu}[\p{Ll}\-]+" + Number,
        RegexOptions.CultureInvariant)]
    private static partial Regex AfterCue();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])[0-9]{1,4} ?[A-Za-z]? (?:\p{Lu}\p{Ll}+ ){1,2}(?:Street|Road|Avenue|Lane|Drive|Close|Way|Place|Square|Gardens|Terrace)\b", RegexOptions.CultureInvariant)]
    private static partial Regex English();

    /// <summary>Words that are capitalised for other reasons and are never a street after "bor på" ("bor på Kungsholmen 3 år").</summary>
    private static readonly HashSet<string> NotStreets = new(StringComparer.OrdinalIgnoreCase)
    {
        "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december",
        "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag", "vecka", "våning", "plan", "rum", "sal", "hus", "lgh",
    };

    /// <summary>A count after the number means it was no house number ("bor på Kungsholmen 3 år").</summary>
    private static readonly HashSet<string> Counted = new(StringComparer.OrdinalIgnoreCase)
    {
        "år", "års", "dagar", "dag", "veckor", "vecka", "månader", "månad", "gånger", "timmar", "minuter", "st", "stycken", "personer",
        "barn", "elever", "kr", "kronor", "years", "days", "weeks", "months", "times", "people",
    };

    private static bool CountFollows(string text, int end)
    {
        var after = text.AsSpan(end).TrimStart(' ');
        var length = 0;
        while (length < after.Length && char.IsLetter(after[length]))
        {
            length++;
        }

        return length > 0 && Counted.Contains(after[..length].ToString());
    }

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
            if (!IsYear(match.Value) && !CountFollows(text, match.Index + match.Length))
            {
                candidates.Add(new Candidate(IdentifierKinds.Address, match.Index, match.Index + match.Length, 0.8));
            }
        }

        foreach (Match match in AfterCue().Matches(text))
        {
            var firstWord = match.Value.Split(' ')[0];
            if (!IsYear(match.Value) && !NotStreets.Contains(firstWord) && !CountFollows(text, match.Index + match.Length))
            {
                candidates.Add(new Candidate(IdentifierKinds.Address, match.Index, match.Index + match.Length, 0.75));
            }
        }

        foreach (Match match in English().Matches(text))
        {
            candidates.Add(new Candidate(IdentifierKinds.Address, match.Index, match.Index + match.Length, 0.75));
        }
    }
}
