using System.Text.RegularExpressions;

namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// Phone numbers. Swedish ones in any common layout: national (070-174 06 12, 08-465 004 21,
/// 0980-319 245, 0701740631) and international (+46 70 174 06 90, 0046 8 465 004 37); and other
/// countries' in E.164 and the usual written forms (+44 20 7946 0958, +358 40 123 4567,
/// +90 532 123 45 67, (+963) 944 567 890, 0044 7700 900123, +1 (555) 123-4567). Emergency and short
/// numbers (112, 114 14) do not start with 0 or + and are never matched; a personnummer layout (six
/// digits, hyphen, four) is left to the personnummer recogniser. Reads the canonical copy.
/// </summary>
public sealed partial class PhoneRecogniser : IIdentifierRecogniser
{
    // A leading 0, +46 or 0046 (optionally "+46 (0)"), then digit groups joined by a space, a hyphen
    // (also " - "), or a slash.
    [GeneratedRegex(@"(?<![\w+/])(?<prefix>\+46|0046|0)(?: ?\(0\) ?)?(?<rest>(?:(?: ?[\-/.] ?| )?[0-9]){6,11})(?![\w/])", RegexOptions.CultureInvariant)]
    private static partial Regex Swedish();

    // Another country's number in its national form ("07700 900461", "020 7946 0371"): a trunk 0
    // and digit groups, found only with a word for the country beside it ("(UK mobile)", "engelskt nummer").
    [GeneratedRegex(@"(?<![\w+/.])0[0-9]{1,4}(?:[ \-][0-9]{2,7}){1,3}(?![\w/]|[.,][0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex NationalForm();

    [GeneratedRegex(@"(?<![\p{L}])(?:uk|gb|england|engelsk[ta]?|brittisk[ta]?|british|english|storbritannien|london|tysk[ta]?|tyskland|german|germany|norsk[ta]?|norge|norwegian|dansk[ta]?|danmark|danish|finsk[ta]?|finland|finnish|polsk[ta]?|polen|polish|holländsk[ta]?|nederländsk[ta]?|netherlands|fransk[ta]?|frankrike|french|turkisk[ta]?|turkiet|turkish|utländsk[ta]?|foreign|abroad|utomlands)(?![\p{L}])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CountryCue();

    // "+" or "00", a country code (not Sweden's), then two to six digit groups joined by a space, a
    // hyphen or a dot, some in parentheses.
    [GeneratedRegex(@"(?<![\w+/])(?<open>\()?(?:\+|00)(?<country>[1-9][0-9]{0,2})\)?(?<rest>(?:[ \-.]?\(?[0-9]{1,5}\)?){2,6})(?![\w/]|[.,][0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex International();

    [GeneratedRegex(@"^[0-9]{6}[-+][0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex PersonnummerLayout();

    [GeneratedRegex(@"^0[0-9]{1,3} ?/ ?[0-9][^/]*$", RegexOptions.CultureInvariant)]
    private static partial Regex AreaCodeSlash();

    /// <summary>"08/123 456 78" is a phone number; "05/06-07/08" (dates) is not.</summary>
    private static bool SlashOnlyAfterAreaCode(string raw) => !raw.Contains('/') || AreaCodeSlash().IsMatch(raw);

    public void Find(string text, List<Candidate> candidates)
    {
        if (!TextContext.HasDigit(text))
        {
            return;
        }

        FindSwedish(text, candidates);
        FindForeignNational(text, candidates);
        if (text.Contains('+') || text.Contains("00", StringComparison.Ordinal))
        {
            FindInternational(text, candidates);
        }
    }

    private static void FindSwedish(string text, List<Candidate> candidates)
    {
        foreach (Match match in Swedish().Matches(text))
        {
            var raw = match.Value;
            if (PersonnummerLayout().IsMatch(raw) || !SlashOnlyAfterAreaCode(raw))
            {
                continue;
            }

            var international = match.Groups["prefix"].Value != "0";
            var digits = Digits(match.Groups["rest"].Value);
            // National significant number: 7–9 digits after the trunk 0 (mobiles: exactly 9, starting with 7).
            if (digits.Length is < 7 or > 9 || digits[0] == '0')
            {
                continue;
            }

            if (digits[0] == '7' && digits.Length != 9)
            {
                continue;
            }

            if (raw.Contains('.') && !DottedLikeAPhoneNumber(raw))
            {
                continue;
            }

            var separated = raw.Any(c => c is ' ' or '-' or '.');
            var confidence = international || separated ? 0.8 : 0.7;
            if (TextContext.Precedes(text, match.Index, 25, TextContext.PhoneLabels))
            {
                confidence += 0.15;
            }

            candidates.Add(new Candidate(IdentifierKinds.Phone, match.Index, match.Index + match.Length, confidence));
        }
    }

    /// <summary>A national-form number of 9 to 11 digits with a country named within a few words before or after it.</summary>
    private static void FindForeignNational(string text, List<Candidate> candidates)
    {
        foreach (Match match in NationalForm().Matches(text))
        {
            var digits = Digits(match.Value);
            if (digits.Length is < 9 or > 11 || PersonnummerLayout().IsMatch(match.Value))
            {
                continue;
            }

            var after = text.AsSpan(match.Index + match.Length, Math.Min(30, text.Length - match.Index - match.Length)).ToString();
            var beforeStart = Math.Max(0, match.Index - 40);
            var before = text[beforeStart..match.Index];
            if (CountryCue().IsMatch(after) || CountryCue().IsMatch(before))
            {
                candidates.Add(new Candidate(IdentifierKinds.Phone, match.Index, match.Index + match.Length, 0.8));
            }
        }
    }

    private static void FindInternational(string text, List<Candidate> candidates)
    {
        foreach (Match match in International().Matches(text))
        {
            var country = match.Groups["country"].Value;
            var rest = Digits(match.Groups["rest"].Value);
            // E.164: at most 15 digits with the country code; a subscriber number of at least six.
            if (country == "46" || rest.Length < 6 || country.Length + rest.Length is < 8 or > 15)
            {
                continue;
            }

            var start = match.Groups["open"].Success ? match.Index + 1 : match.Index;
            var end = match.Index + match.Length;
            while (end > start && text[end - 1] is '.' or '-' or ' ')
            {
                end--;
            }

            var confidence = TextContext.Precedes(text, start, 25, TextContext.PhoneLabels) ? 0.95 : 0.8;
            candidates.Add(new Candidate(IdentifierKinds.Phone, start, end, confidence));
        }
    }

    /// <summary>
    /// "070.412.83.55" and "08.123.456.78" are phone numbers written with dots; "08.30.10.15" (times,
    /// every group two digits) and "01.12.2026" (a date) are not.
    /// </summary>
    private static bool DottedLikeAPhoneNumber(string raw)
    {
        var groups = raw.Split(['.', ' ', '-', '/'], StringSplitOptions.RemoveEmptyEntries);
        return groups.Length >= 3 && groups[0].Length >= 2 && groups.Any(g => g.Length > 2)
            && !(groups.Length == 3 && groups[^1].Length == 4);
    }

    private static string Digits(string value) => new([.. value.Where(char.IsAsciiDigit)]);
}
