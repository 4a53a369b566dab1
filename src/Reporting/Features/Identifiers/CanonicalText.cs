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

        // Most characters map to one character (or none), so the copy is rarely longer than the
        // original; the arrays grow in the rare case it is (a ligature, a fraction).
        var text = new char[original.Length + 8];
        var starts = new int[text.Length];
        var ends = new int[text.Length];
        var length = 0;
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

            if (i - groupStart == 1 && SingleCharacter(original[groupStart]) is var single && single != Complex)
            {
                if (single != Removed)
                {
                    Append((char)single, groupStart, i);
                }

                continue;
            }

            foreach (var rune in Normalised(original.AsSpan(groupStart, i - groupStart)).EnumerateRunes())
            {
                if (Canonical(rune) is not { } canonical)
                {
                    continue;
                }

                var written = canonical.EncodeToUtf16(utf16);
                for (var k = 0; k < written; k++)
                {
                    Append(utf16[k], groupStart, i);
                }
            }
        }

        return new CanonicalText(original, new string(text, 0, length), starts[..length], ends[..length]);

        void Append(char c, int start, int end)
        {
            if (length == text.Length)
            {
                Array.Resize(ref text, text.Length * 2);
                Array.Resize(ref starts, text.Length);
                Array.Resize(ref ends, text.Length);
            }

            text[length] = c;
            starts[length] = start;
            ends[length] = end;
            length++;
        }
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
    /// True when a character changes: a character that the table says maps to something else (or
    /// nothing), a combining mark (it may compose with the one before), a surrogate pair, or a
    /// character outside ASCII, the usual white space and the Latin-1 letters whose mapping is not
    /// yet known. Most descriptions, typographic quotes and Swedish letters included, pass unchanged.
    /// </summary>
    private static bool NeedsWork(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x7F ? c < 0x20 && c is not ('\n' or '\r' or '\t') : !IsStableLatin1Letter(c) && SingleCharacter(c) != c)
            {
                return true;
            }
        }

        return false;
    }

    // What one UTF-16 character on its own becomes (NFKC, then the recognisers' mapping), per
    // character, filled in as characters are first met: 0 not yet known, Removed, Complex (it
    // becomes several characters, or is a surrogate or a combining mark, so the group path decides),
    // else the character it becomes plus one. The entries are deterministic, so a race only computes
    // one twice.
    private const int Removed = -1;
    private const int Complex = -2;
    private static readonly int[] SingleCharacters = new int[char.MaxValue + 1];

    private static int SingleCharacter(char c)
    {
        var entry = SingleCharacters[c];
        if (entry == 0)
        {
            entry = MapSingle(c);
            SingleCharacters[c] = entry;
        }

        return entry > 0 ? entry - 1 : entry;
    }

    private static int MapSingle(char c)
    {
        if (char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
        {
            return Complex;
        }

        int? only = null;
        foreach (var rune in Normalised([c]).EnumerateRunes())
        {
            if (Canonical(rune) is not { } canonical)
            {
                continue;
            }

            if (only is not null || !canonical.IsBmp)
            {
                return Complex;
            }

            only = canonical.Value;
        }

        return only is { } value ? value + 1 : Removed;
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
