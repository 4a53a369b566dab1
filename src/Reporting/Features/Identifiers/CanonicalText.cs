using System.Globalization;
using System.Text;

namespace Reporting.Features.Identifiers;

/// <summary>
/// The one scanning copy of a text that every recogniser reads, and the map from it back to the
/// text as written. Text pasted from Word, Outlook or a phone writes the same identifier in many
/// ways; here each is written one way:
/// <list type="bullet">
/// <item>NFKC (full-width letters, digits and signs, ligatures, superscripts become their plain forms),</item>
/// <item>every decimal digit of any script (category Nd) becomes its ASCII digit,</item>
/// <item>every dash (Pd, the minus sign U+2212, the small and full-width hyphen-minus) becomes '-',</item>
/// <item>every space separator (Zs: no-break, thin, figure spaces) becomes ' ', line and paragraph separators '\n',</item>
/// <item>format characters (Cf: zero-width space and joiners, word joiner, BOM, soft hyphen, bidi controls) are removed.</item>
/// </list>
/// A finding in the copy maps back to the whole stretch of the original it came from, removed
/// characters inside it included, in UTF-16 offsets of the original.
/// </summary>
public sealed class CanonicalText
{
    // For each character of the copy: where in the original the character (or the group it was
    // made from) starts and ends. Null when the copy is the original.
    private readonly int[]? _originalStart;
    private readonly int[]? _originalEnd;

    private CanonicalText(string original, string text, int[]? originalStart, int[]? originalEnd)
    {
        Original = original;
        Text = text;
        _originalStart = originalStart;
        _originalEnd = originalEnd;
    }

    public string Original { get; }

    /// <summary>What the recognisers read: ASCII digits, '-' for dashes, ' ' for spaces, no invisible characters.</summary>
    public string Text { get; }

    public bool IsOriginal => _originalStart is null;

    public static CanonicalText Of(string original)
    {
        if (!NeedsWork(original))
        {
            return new CanonicalText(original, original, null, null);
        }

        var text = new StringBuilder(original.Length);
        var starts = new List<int>(original.Length);
        var ends = new List<int>(original.Length);
        Span<char> utf16 = stackalloc char[2];
        var i = 0;
        while (i < original.Length)
        {
            // A group: one code point and the combining marks that follow it, so NFKC can compose
            // "e" + U+0301 into "é" and both map back to the two characters they came from.
            var groupStart = i;
            i += char.IsSurrogatePair(original, i) ? 2 : 1;
            while (i < original.Length && IsCombiningMark(original, i))
            {
                i += char.IsSurrogatePair(original, i) ? 2 : 1;
            }

            foreach (var rune in Normalised(original.AsSpan(groupStart, i - groupStart)).EnumerateRunes())
            {
                if (Canonical(rune) is not { } canonical)
                {
                    continue;
                }

                var length = canonical.EncodeToUtf16(utf16);
                for (var k = 0; k < length; k++)
                {
                    text.Append(utf16[k]);
                    starts.Add(groupStart);
                    ends.Add(i);
                }
            }
        }

        return new CanonicalText(original, text.ToString(), [.. starts], [.. ends]);
    }

    /// <summary>The stretch of the original that a stretch of the copy [start, end) came from.</summary>
    public (int Start, int End) ToOriginal(int start, int end)
    {
        if (_originalStart is null || _originalEnd is null)
        {
            return (start, end);
        }

        if (end <= start)
        {
            var at = start < _originalStart.Length ? _originalStart[start] : Original.Length;
            return (at, at);
        }

        return (_originalStart[start], _originalEnd[end - 1]);
    }

    /// <summary>
    /// True when a character could change: anything outside printable ASCII, the usual white space
    /// and the Latin-1 letters that NFKC leaves as they are. Most descriptions pass this check.
    /// </summary>
    private static bool NeedsWork(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x7F ? c < 0x20 && c is not ('\n' or '\r' or '\t') : !IsStableLatin1Letter(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsStableLatin1Letter(char c) => c is >= '\u00C0' and <= '\u00FF' and not '\u00D7' and not '\u00F7';

    private static ReadOnlySpan<char> Normalised(ReadOnlySpan<char> group)
    {
        if (group.Length == 1 && (group[0] < 0x7F || IsStableLatin1Letter(group[0])))
        {
            return group;
        }

        if (group.Length == 1 && char.IsSurrogate(group[0]))
        {
            return "\uFFFD"; // a lone surrogate is no character; validation refuses it before anything is stored
        }

        var text = group.ToString();
        try
        {
            return text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return text; // a lone surrogate cannot be normalised; validation refuses it before a report is stored
        }
    }

    /// <summary>The character as the recognisers see it, or null when it is removed.</summary>
    private static Rune? Canonical(Rune c)
    {
        if (c.Value < 0x80)
        {
            return c;
        }

        switch (c.Value)
        {
            case 0x2212 or 0xFE58 or 0xFE63 or 0xFF0D:
                return new Rune('-');
            case 0x2028 or 0x2029:
                return new Rune('\n');
        }

        switch (Rune.GetUnicodeCategory(c))
        {
            case UnicodeCategory.DecimalDigitNumber:
                var value = (int)Rune.GetNumericValue(c);
                return value is >= 0 and <= 9 ? new Rune('0' + value) : c;
            case UnicodeCategory.DashPunctuation:
                return new Rune('-');
            case UnicodeCategory.SpaceSeparator:
                return new Rune(' ');
            case UnicodeCategory.Format:
                return null;
            default:
                return c;
        }
    }

    private static bool IsCombiningMark(string text, int i) =>
        CharUnicodeInfo.GetUnicodeCategory(text, i) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
