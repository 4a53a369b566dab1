namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// Personnummer and samordningsnummer in every written form: YYMMDD-NNNN, YYMMDDNNNN,
/// YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD+NNNN (100 or older), with a space for the separator, and
/// with the digits spaced out ("8 1 1 2 1 8 - 9 8 7 6"). A number counts only when its date is a
/// real calendar date (day + 60 for a samordningsnummer), its birth number is not 000 and its Luhn
/// check digit is right: a number that fails the check is not a personnummer. Reads the canonical
/// copy, so dashes, spaces and digits of every script arrive as '-', ' ' and 0–9.
/// </summary>
public sealed class PersonnummerRecogniser(TimeProvider time) : IIdentifierRecogniser
{
    private static readonly HashSet<string> IdentityWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "pnr", "personnummer", "personnumret", "personnr", "persnr", "samordningsnummer", "samordningsnr", "samordningsnumret",
        "född", "födelsedatum", "pnummer", "id", "identity", "personal", "ssn", "identitetsnummer",
    };

    public void Find(string text, List<Candidate> candidates)
    {
        if (!TextContext.HasDigit(text))
        {
            return;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        foreach (var run in DigitRun.All(text))
        {
            if (Read(run) is not { } number)
            {
                continue;
            }

            var kind = Classify(number.Century, number.Date, number.HundredOrOlder, today);
            if (kind is null || number.Serial.StartsWith("000", StringComparison.Ordinal) || !LuhnValid(number.Date + number.Serial))
            {
                continue;
            }

            candidates.Add(new Candidate(kind, run.Start, run.End, Confidence(text, run, number)));
        }
    }

    private sealed record Number(string? Century, string Date, string Serial, bool HundredOrOlder, Layout Layout);

    private enum Layout
    {
        /// <summary>YYMMDD-NNNN and its siblings: the way identity numbers are written.</summary>
        Standard,

        /// <summary>Every digit on its own ("8 1 1 2 1 8 - 9 8 7 6"): no phone number is written so.</summary>
        SpacedOut,

        /// <summary>Any other grouping ("0701 74 06 31"): more likely a phone number.</summary>
        Grouped,
    }

    /// <summary>A digit run as a personnummer, or null when its digits and separators cannot be one.</summary>
    private static Number? Read(DigitRun run)
    {
        var digits = run.Digits;
        if (digits.Length is not (10 or 12))
        {
            return null;
        }

        var century = digits.Length == 12 ? digits[..2] : null;
        if (century is not (null or "18" or "19" or "20"))
        {
            return null;
        }

        // Where the separator belongs: between the date and the birth number.
        var boundary = digits.Length - 4;
        var plus = run.Separators.FindIndex(s => s.Contains('+'));
        if (plus >= 0 && (plus != boundary - 1 || run.Separators.Count(s => s.Contains('+')) > 1))
        {
            return null;
        }

        var gaps = run.Separators.Select((s, i) => (s, i)).Where(p => p.s.Length > 0).Select(p => p.i).ToList();
        var layout = gaps.Count == 0 || (gaps.Count == 1 && gaps[0] == boundary - 1)
            ? Layout.Standard
            : gaps.Count == digits.Length - 1 && run.Separators.Where((s, i) => i != boundary - 1).All(s => s == " ")
                ? Layout.SpacedOut
                : Layout.Grouped;
        return new Number(century, digits[(century?.Length ?? 0)..boundary], digits[boundary..], plus >= 0, layout);
    }

    /// <summary>
    /// A separated, twelve-digit or spaced-out form is almost surely an identity number. Ten bare
    /// digits, or digits grouped like a phone number, can also be a phone number (0701740631 is
    /// both), so the label before it and a mobile prefix decide.
    /// </summary>
    private static double Confidence(string text, DigitRun run, Number number)
    {
        if (TextContext.Precedes(text, run.Start, 30, IdentityWords))
        {
            return 0.95;
        }

        if (number.Layout == Layout.Grouped)
        {
            return 0.5;
        }

        var separated = run.Separators.Any(s => s.Length > 0);
        if (number.Century is not null || number.Layout == Layout.SpacedOut || (separated && run.Separators.Any(s => s.Contains('-') || s.Contains('+'))))
        {
            return 0.9;
        }

        var looksLikeMobile = run.Digits.StartsWith("07", StringComparison.Ordinal) && run.Digits[2] is '0' or '2' or '3' or '6' or '9';
        if (looksLikeMobile || TextContext.Precedes(text, run.Start, 25, TextContext.PhoneLabels))
        {
            return 0.5;
        }

        return 0.85;
    }

    /// <summary>
    /// Returns the kind for a real date (day + 60 = samordningsnummer), or null. Without a century
    /// the birth year is Skatteverket's: the latest year ending in YY whose date has passed (the
    /// person is under 100), or the century before that with '+' (100 or older). So 261225-7408,
    /// read on 1 December 2026, is someone born on Christmas Day 1926.
    /// </summary>
    internal static string? Classify(string? century, string yymmdd, bool hundredOrOlder, DateOnly today)
    {
        var yy = (yymmdd[0] - '0') * 10 + (yymmdd[1] - '0');
        var month = (yymmdd[2] - '0') * 10 + (yymmdd[3] - '0');
        var day = (yymmdd[4] - '0') * 10 + (yymmdd[5] - '0');
        var kind = IdentifierKinds.Personnummer;
        if (day > 60)
        {
            kind = IdentifierKinds.Samordningsnummer;
            day -= 60;
        }

        if (month is < 1 or > 12 || day < 1)
        {
            return null;
        }

        int year;
        if (century is not null)
        {
            year = ((century[0] - '0') * 10 + (century[1] - '0')) * 100 + yy;
        }
        else
        {
            year = today.Year - ((today.Year - yy) % 100 + 100) % 100;
            if (day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day) > today)
            {
                year -= 100;
            }

            if (hundredOrOlder)
            {
                year -= 100;
            }
        }

        return day <= DateTime.DaysInMonth(year, month) ? kind : null;
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
