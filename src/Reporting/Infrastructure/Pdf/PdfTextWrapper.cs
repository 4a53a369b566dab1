using PdfSharp.Drawing;

namespace Reporting.Infrastructure.Pdf;

/// <summary>Wraps text to a width in a font, measuring each character once per font (PDFsharp's measuring dominated the layout).</summary>
internal sealed class PdfTextWrapper(XGraphics measure)
{
    private readonly Dictionary<string, Dictionary<char, double>> _advances = [];

    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var key = $"{font.Size}|{font.Bold}"; // one family (DejaVu Sans)
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            var lineWidth = 0.0;
            var space = Width(" ", font, key);
            foreach (var (word, spaced) in Tokens(paragraph))
            {
                var wordWidth = Width(word, font, key);
                if (wordWidth > width)
                {
                    // A word wider than the column (a long link, a code) is broken by characters.
                    foreach (var piece in BreakWord(word, font, key, width))
                    {
                        if (line.Length > 0)
                        {
                            lines.Add(line.ToString());
                            line.Clear();
                        }

                        line.Append(piece);
                        lineWidth = Width(piece, font, key);
                    }

                    continue;
                }

                var gap = line.Length > 0 && spaced ? space : 0;
                if (line.Length > 0 && lineWidth + gap + wordWidth > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    lineWidth = 0;
                    gap = 0;
                }

                if (gap > 0)
                {
                    line.Append(' ');
                    lineWidth += gap;
                }

                line.Append(word);
                lineWidth += wordWidth;
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>Words, and the parts of words joined by "/" (Fritidsgård/ungdomsverksamhet may break after the slash).</summary>
    private static IEnumerable<(string Word, bool Spaced)> Tokens(string paragraph)
    {
        foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var start = 0;
            for (var slash = word.IndexOf('/', StringComparison.Ordinal); slash >= 0 && slash < word.Length - 1; slash = word.IndexOf('/', slash + 1))
            {
                yield return (word[start..(slash + 1)], start == 0);
                start = slash + 1;
            }

            yield return (word[start..], start == 0);
        }
    }

    private IEnumerable<string> BreakWord(string word, XFont font, string key, double width)
    {
        var start = 0;
        for (var end = 1; end <= word.Length; end++)
        {
            if (Width(word[start..end], font, key) > width && end - 1 > start)
            {
                yield return word[start..(end - 1)];
                start = end - 1;
            }
        }

        yield return word[start..];
    }

    /// <summary>
    /// Width as the sum of the characters' advance widths, each measured once per font: PDFsharp
    /// sets text without kerning, so this equals measuring the whole string, at a fraction of the cost.
    /// </summary>
    private double Width(string text, XFont font, string key)
    {
        if (!_advances.TryGetValue(key, out var advances))
        {
            _advances[key] = advances = [];
        }

        var width = 0.0;
        foreach (var c in text)
        {
            if (!advances.TryGetValue(c, out var advance))
            {
                advances[c] = advance = measure.MeasureString(c.ToString(), font).Width;
            }

            width += advance;
        }

        return width;
    }
}
