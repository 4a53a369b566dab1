using System.Globalization;

namespace Reporting.Features.Identifiers.Recognisers;

/// <summary>One word of a text: where it starts and how long it is.</summary>
public readonly record struct WordSpan(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// The words of a text, for every recogniser that reads words: a letter, then letters and
/// combining marks, with hyphen-joined parts ("Lars-Erik"), as the pattern
/// \p{L}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)* would find them. Written out because it runs over
/// every report's whole description and showed in the intake profile.
/// </summary>
public static class Words
{
    public static List<WordSpan> Of(string text)
    {
        var words = new List<WordSpan>(text.Length / 6);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            i = EndOfPart(text, i + 1);
            while (i + 1 < text.Length && text[i] == '-' && char.IsLetter(text[i + 1]))
            {
                i = EndOfPart(text, i + 2);
            }

            words.Add(new WordSpan(start, i - start));
        }

        return words;
    }

    /// <summary>
    /// True when only spaces (or a colon, a hyphen, quotes as asked) stand between two words: the
    /// second word belongs to the first ("Snapchat: kalle", "Discord-namnet X").
    /// </summary>
    public static bool Adjacent(string text, WordSpan first, WordSpan second, bool colon = true, bool quotes = false)
    {
        for (var k = first.End; k < second.Start; k++)
        {
            var c = text[k];
            var ok = c is ' ' || (colon && c == ':') || (quotes && c is '"' or '\'' or '”' or '“' or '»' or '«');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static int EndOfPart(string text, int i)
    {
        while (i < text.Length && (char.IsLetter(text[i]) || IsCombiningMark(text[i])))
        {
            i++;
        }

        return i;
    }

    private static bool IsCombiningMark(char c) =>
        c >= '\u0300' && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
