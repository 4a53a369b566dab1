namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>
/// A maximal stretch of digits in the canonical text where neighbouring digits are joined by at
/// most one separator: nothing, a space, or a '-' or '+' with at most one space on either side
/// ("811218-9876", "8 1 1 2 1 8 - 9 8 7 6", "070 - 174 06 12"). Not part of a longer number, a
/// signed number or a decimal.
/// </summary>
internal sealed record DigitRun(int Start, int End, string Digits, List<string> Separators)
{
    public static IEnumerable<DigitRun> All(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]) || (i > 0 && (char.IsAsciiDigit(text[i - 1]) || text[i - 1] is '+' or '-' or '.' or ',' or '/' || char.IsLetter(text[i - 1]))))
            {
                i++;
                continue;
            }

            var start = i;
            var digits = new System.Text.StringBuilder();
            var separators = new List<string>();
            digits.Append(text[i]);
            var end = i + 1;
            while (true)
            {
                var next = SeparatorEnd(text, end);
                if (next < 0 || next >= text.Length || !char.IsAsciiDigit(text[next]))
                {
                    break;
                }

                // "" (none), " " (a space), or the sign itself ("-", "+") whatever spaces stand around it.
                var separator = text[end..next];
                separators.Add(separator.Trim() is { Length: > 0 } sign ? sign : separator);
                digits.Append(text[next]);
                end = next + 1;
                if (digits.Length > 16)
                {
                    break;
                }
            }

            // A decimal, a longer number or a word right after it: not an identity number.
            var followedBy = end < text.Length ? text[end] : ' ';
            if (!(char.IsLetterOrDigit(followedBy) || (followedBy is '.' or ',' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]))))
            {
                yield return new DigitRun(start, end, digits.ToString(), separators);
            }

            i = end;
        }
    }

    /// <summary>Where the next digit would start after position <paramref name="i"/>, or -1 when no separator fits.</summary>
    private static int SeparatorEnd(string text, int i)
    {
        if (i >= text.Length)
        {
            return -1;
        }

        if (char.IsAsciiDigit(text[i]))
        {
            return i;
        }

        var k = i;
        if (text[k] == ' ')
        {
            k++;
        }

        if (k < text.Length && text[k] is '-' or '+')
        {
            k++;
            if (k < text.Length && text[k] == ' ')
            {
                k++;
            }
        }

        return k == i ? -1 : k;
    }
}
