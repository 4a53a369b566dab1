using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Reporting.Features.Identifiers;

namespace Reporting.Tests.Features.Identifiers;

/// <summary>
/// The canonical copy's per-character table (a character is mapped once and then looked up) must
/// give what mapping each character with NFKC would: checked against a plain reference written
/// from the rules, over generated texts that mix ASCII, Swedish letters, typographic quotes,
/// dashes, spaces, invisible characters, other scripts' digits, ligatures and combining marks.
/// </summary>
[TestFixture]
public sealed class CanonicalTextTests
{
    private static readonly string[] Pieces =
    [
        "Klistermärken", " ", "på", "skolgården", "811218", "-", "98", "76", "\n", "\t", ".",
        "”", "“", "«", "»", "’", "…", "–", "—", "\u2212", "\u2011", "\u00A0", "\u2009", "\u202F",
        "\u200B", "\u00AD", "\u2060", "\uFEFF", "\u200D", "１２", "\uFF0D", "\u0663\u0664", "\u0967",
        "\uFB01", "\u00BD", "\u2460", "e\u0301", "a\u0308", "\u0301", "Å", "é", "ß", "\U0001D7CE", "\U0001F600",
        "\u1100\u1161", "\u2028",
    ];

    [Test]
    public void ATextOfCharactersThatStayTheSameIsItsOwnCopy()
    {
        const string text = "Klistermärken med texten ”Bli aktiv” och «Norden» hittades vid entrén.";

        var canonical = CanonicalText.Of(text);

        Assert.That(canonical.IsOriginal, Is.True);
        Assert.That(canonical.Text, Is.SameAs(text));
    }

    [Test]
    public void OneChangedCharacterAtTheEndOfALongTextIsMappedAndMapsBack()
    {
        var text = string.Concat(Enumerable.Repeat("Vaktmästaren tog bort dem ”i dag”. ", 40)) + "tel 070\u2011123\u00A045\u200B67";

        var canonical = CanonicalText.Of(text);

        Assert.That(canonical.IsOriginal, Is.False);
        Assert.That(canonical.Text, Does.EndWith("tel 070-123 4567"));
        var start = canonical.Text.Length - "070-123 4567".Length;
        var (originalStart, originalEnd) = canonical.ToOriginal(start, canonical.Text.Length);
        Assert.That(text[originalStart..originalEnd], Is.EqualTo("070\u2011123\u00A045\u200B67"));
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public Property TheCopyIsWhatMappingEachGroupByTheRulesGives() =>
        Prop.ForAll(Gen.ListOf(Gen.Elements(Pieces)).Select(string.Concat).ToArbitrary(), text =>
        {
            var canonical = CanonicalText.Of(text);
            var (expected, starts, ends) = Reference(text);
            if (canonical.Text != expected)
            {
                return false;
            }

            for (var i = 0; i < expected.Length; i++)
            {
                if (canonical.ToOriginal(i, i + 1) != (starts[i], ends[i]))
                {
                    return false;
                }
            }

            return true;
        });

    /// <summary>The rules of <see cref="CanonicalText"/> applied the slow way: NFKC per group, then each character's mapping.</summary>
    private static (string Text, List<int> Starts, List<int> Ends) Reference(string original)
    {
        var text = new StringBuilder();
        var starts = new List<int>();
        var ends = new List<int>();
        var i = 0;
        while (i < original.Length)
        {
            var start = i;
            i += char.IsSurrogatePair(original, i) ? 2 : 1;
            while (i < original.Length && char.GetUnicodeCategory(original, i) is System.Globalization.UnicodeCategory.NonSpacingMark
                       or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark)
            {
                i += char.IsSurrogatePair(original, i) ? 2 : 1;
            }

            foreach (var rune in original[start..i].Normalize(NormalizationForm.FormKC).EnumerateRunes())
            {
                var mapped = Map(rune);
                if (mapped is null)
                {
                    continue;
                }

                foreach (var c in mapped)
                {
                    text.Append(c);
                    starts.Add(start);
                    ends.Add(i);
                }
            }
        }

        return (text.ToString(), starts, ends);
    }

    private static string? Map(Rune rune) => rune.Value switch
    {
        < 0x80 => rune.ToString(),
        0x2212 or 0xFE58 or 0xFE63 or 0xFF0D => "-",
        0x2028 or 0x2029 => "\n",
        _ => Rune.GetUnicodeCategory(rune) switch
        {
            System.Globalization.UnicodeCategory.DecimalDigitNumber when Rune.GetNumericValue(rune) is >= 0 and <= 9 => ((int)Rune.GetNumericValue(rune)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            System.Globalization.UnicodeCategory.DashPunctuation => "-",
            System.Globalization.UnicodeCategory.SpaceSeparator => " ",
            System.Globalization.UnicodeCategory.Format => null,
            _ => rune.ToString(),
        },
    };
}
