namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>Looks at the words just before a match, where writers put labels such as "pnr" or "tel".</summary>
internal static class TextContext
{
    /// <summary>True when one of <paramref name="words"/> stands as a whole word within <paramref name="window"/> characters before <paramref name="start"/>.</summary>
    public static bool Precedes(string text, int start, int window, IReadOnlySet<string> words)
    {
        var from = Math.Max(0, start - window);
        var i = start - 1;
        while (i >= from)
        {
            while (i >= from && !char.IsLetter(text[i]))
            {
                i--;
            }

            var end = i + 1;
            while (i >= from && char.IsLetter(text[i]))
            {
                i--;
            }

            if (end > i + 1 && words.Contains(text[(i + 1)..end]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Words written before a phone number ("tel", "mobil", "ring", "sms", "swish"…).</summary>
    public static readonly HashSet<string> PhoneLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "tel", "telefon", "telefonnummer", "mobil", "mobilnummer", "mobilen", "nr", "nummer", "numret", "ring", "ringde", "ringer", "sms",
        "swish", "swishat", "phone", "mobile", "call", "called", "number", "kontakt", "nås", "från", "from",
    };

    /// <summary>A cheap pre-check: most recognisers need a digit, and most sentences have none.</summary>
    public static bool HasDigit(string text) => text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;
}
