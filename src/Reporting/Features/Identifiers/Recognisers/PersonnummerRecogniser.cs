using System.Text.RegularExpressions;

namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// Personnummer and samordningsnummer in every written form (YYMMDD-NNNN, YYMMDDNNNN,
/// YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD+NNNN for people over 100). A number counts only when its
/// date is a real calendar date (day + 60 for a samordningsnummer) and its Luhn check digit is right:
/// a number that fails the check is not a personnummer.
/// </summary>
public sealed partial class PersonnummerRecogniser(TimeProvider time) : IIdentifierRecogniser
{
    private static readonly HashSet<string> IdentityWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "pnr", "personnummer", "personnumret", "personnr", "persnr", "samordningsnummer", "samordningsnr", "samordningsnumret",
        "född", "födelsedatum", "pnummer", "id", "identity", "personal", "ssn",
    };

    [GeneratedRegex(@"(?<![\d+\-])(?<century>18|19|20)?(?<date>\d{6})(?<separator>[-+]|\s)?(?<serial>\d{4})(?![\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public void Find(string text, List<Candidate> candidates)
    {
        if (!TextContext.HasDigit(text))
        {
            return;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        foreach (Match match in Shape().Matches(text))
        {
            var century = match.Groups["century"];
            var separator = match.Groups["separator"].Value;
            var date = match.Groups["date"].Value;
            var serial = match.Groups["serial"].Value;
            if (century.Success && separator == "+")
            {
                continue;
            }

            var kind = Classify(century.Success ? century.Value : null, date, separator == "+", today);
            if (kind is null || !LuhnValid(date + serial))
            {
                continue;
            }

            candidates.Add(new Candidate(kind, match.Index, match.Index + match.Length, Confidence(text, match, century.Success, separator)));
        }
    }

    /// <summary>
    /// A separated or twelve-digit form is almost surely an identity number. Ten bare digits can also
    /// be a phone number (0701740631 is both), so the label before it and a mobile prefix decide.
    /// </summary>
    private static double Confidence(string text, Match match, bool hasCentury, string separator)
    {
        if (TextContext.Precedes(text, match.Index, 30, IdentityWords))
        {
            return 0.95;
        }

        if (hasCentury || separator is "-" or "+")
        {
            return 0.9;
        }

        var looksLikeMobile = text.AsSpan(match.Index).StartsWith("07") && text[match.Index + 2] is '0' or '2' or '3' or '6' or '9';
        if (looksLikeMobile || TextContext.Precedes(text, match.Index, 25, TextContext.PhoneLabels))
        {
            return 0.5;
        }

        return 0.85;
    }

    /// <summary>Returns the kind for a real date (day + 60 = samordningsnummer), or null.</summary>
    internal static string? Classify(string? century, string yymmdd, bool hundredOrOlder, DateOnly today)
    {
        var yy = int.Parse(yymmdd.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture);
        var month = int.Parse(yymmdd.AsSpan(2, 2), System.Globalization.CultureInfo.InvariantCulture);
        var day = int.Parse(yymmdd.AsSpan(4, 2), System.Globalization.CultureInfo.InvariantCulture);
        var kind = IdentifierKinds.Personnummer;
        if (day > 60)
        {
            kind = IdentifierKinds.Samordningsnummer;
            day -= 60;
        }

        int year;
        if (century is not null)
        {
            year = int.Parse(century, System.Globalization.CultureInfo.InvariantCulture) * 100 + yy;
        }
        else
        {
            year = 2000 + yy;
            if (year > today.Year)
            {
                year -= 100;
            }

            if (hundredOrOlder)
            {
                year -= 100;
            }
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new DateOnly(year, month, day) <= today ? kind : null;
    }

    /// <summary>Luhn over the ten digits YYMMDDNNNC.</summary>
    internal static bool LuhnValid(string tenDigits)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var digit = (tenDigits[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += digit > 9 ? digit - 9 : digit;
        }

        return sum % 10 == 0;
    }
}
