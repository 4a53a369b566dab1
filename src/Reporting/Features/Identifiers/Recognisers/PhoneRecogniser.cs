using System.Text.RegularExpressions;

namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// Swedish phone numbers in any common layout: national (070-174 06 12, 08-465 004 21,
/// 0980-319 245, 0701740631) and international (+46 70 174 06 90, 0046 8 465 004 37).
/// Emergency and short numbers (112, 114 14) do not start with 0 and are never matched; a
/// personnummer layout (six digits, hyphen, four) is left to the personnummer recogniser.
/// </summary>
public sealed partial class PhoneRecogniser : IIdentifierRecogniser
{
    // A leading 0, +46 or 0046 (optionally "+46 (0)"), then digit groups joined by a space, a hyphen or
    // dash (also " - "), or a slash.
    [GeneratedRegex(@"(?<![\w+/])(?<prefix>\+46|0046|0)(?:[ \u00A0]?\(0\)[ \u00A0]?)?(?<rest>(?:(?:[ \u00A0]?[\-–/][ \u00A0]?|[ \u00A0])?\d){6,11})(?![\w/])", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^\d{6}[-+]\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex PersonnummerLayout();

    [GeneratedRegex(@"^0\d{1,3} ?/ ?\d[^/]*$", RegexOptions.CultureInvariant)]
    private static partial Regex AreaCodeSlash();

    /// <summary>"08/123 456 78" is a phone number; "05/06-07/08" (dates) is not.</summary>
    private static bool SlashOnlyAfterAreaCode(string raw) => !raw.Contains('/') || AreaCodeSlash().IsMatch(raw);

    public void Find(string text, List<Candidate> candidates)
    {
        if (!TextContext.HasDigit(text))
        {
            return;
        }

        foreach (Match match in Shape().Matches(text))
        {
            var raw = match.Value;
            if (PersonnummerLayout().IsMatch(raw) || !SlashOnlyAfterAreaCode(raw))
            {
                continue;
            }

            var international = match.Groups["prefix"].Value != "0";
            var digits = new string([.. match.Groups["rest"].Value.Where(char.IsAsciiDigit)]);
            // National significant number: 7–9 digits after the trunk 0 (mobiles: exactly 9, starting with 7).
            if (digits.Length is < 7 or > 9 || digits[0] == '0')
            {
                continue;
            }

            if (digits[0] == '7' && digits.Length != 9)
            {
                continue;
            }

            var separated = raw.Any(c => c is ' ' or '-' or '–');
            var confidence = international || separated ? 0.8 : 0.7;
            if (TextContext.Precedes(text, match.Index, 25, TextContext.PhoneLabels))
            {
                confidence += 0.15;
            }

            candidates.Add(new Candidate(IdentifierKinds.Phone, match.Index, match.Index + match.Length, confidence));
        }
    }
}
