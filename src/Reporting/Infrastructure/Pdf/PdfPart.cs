using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace Reporting.Infrastructure.Pdf;

/// <summary>
/// A PDF that PDFsharp saved, read back as its objects: each object's text (its dictionary or value)
/// and where its stream's bytes are. Only what PDFsharp writes is read: one cross-reference table,
/// no object streams, stream lengths as direct numbers.
/// </summary>
internal sealed class PdfPart
{
    private readonly Dictionary<int, PdfPartObject> _objects;

    private PdfPart(Dictionary<int, PdfPartObject> objects, IReadOnlyList<int> numbers, int root, int info)
    {
        _objects = objects;
        Numbers = numbers;
        Root = root;
        Info = info;
    }

    /// <summary>The objects' numbers in the order they stand in the file.</summary>
    public IReadOnlyList<int> Numbers { get; }

    public int Root { get; }

    public int Info { get; }

    public PdfPartObject this[int number] => _objects.TryGetValue(number, out var item)
        ? item
        : throw new InvalidOperationException($"A PDF part has no object {number}.");

    /// <summary>Reads the objects of a PDF that PDFsharp saved (the bytes are not kept: streams are found again by position).</summary>
    public static PdfPart Read(ReadOnlySpan<byte> pdf)
    {
        var startXref = pdf.LastIndexOf("startxref"u8);
        var xref = NumberAt(pdf, startXref + "startxref".Length, out _);
        var trailer = xref + pdf[xref..].IndexOf("trailer"u8);
        // PDFsharp writes one subsection: "xref", "0 N", then N entries of exactly 20 bytes.
        NumberAt(pdf, xref + "xref".Length, out var afterFirst); // the subsection's first number, 0
        var count = NumberAt(pdf, afterFirst, out var afterCount);
        var entries = afterCount + pdf[afterCount..].IndexOfAnyExcept(" \r\n"u8);
        var objects = new Dictionary<int, PdfPartObject>();
        var numbers = new List<int>();
        for (var entry = 0; entry < count; entry++)
        {
            var at = entries + entry * 20;
            var kind = pdf[at + 17];
            if (kind == (byte)'n')
            {
                var (number, item) = ReadObject(pdf, NumberAt(pdf, at, out _));
                objects[number] = item;
                numbers.Add(number);
            }
            else if (kind != (byte)'f')
            {
                throw new InvalidOperationException("A PDF part's cross-reference table is not as PDFsharp writes it.");
            }
        }

        var trailerDictionary = new PdfPartObject(Encoding.Latin1.GetString(pdf[(trailer + "trailer".Length)..startXref]).Trim(), null);
        numbers.Sort((a, b) => objects[a].Offset.CompareTo(objects[b].Offset));
        return new PdfPart(objects, numbers, trailerDictionary.Reference("/Root"), trailerDictionary.Reference("/Info"));
    }

    /// <summary>
    /// Applies <paramref name="transform"/> to the text between strings, copying literal and hex
    /// strings unchanged: numbers and names inside a title or an alternative text stay as written.
    /// </summary>
    public static string OutsideStrings(string body, Func<string, string> transform)
    {
        var result = new StringBuilder(body.Length + 16);
        var plainStart = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var end = StringEnd(body.AsSpan(), i);
            if (end < 0)
            {
                if (body[i] == '<')
                {
                    i++; // a dictionary's "<<"
                }

                continue;
            }

            result.Append(transform(body[plainStart..i])).Append(body, i, end - i);
            plainStart = end;
            i = end - 1;
        }

        return result.Append(transform(body[plainStart..])).ToString();
    }

    /// <summary>Where a string starting at <paramref name="start"/> ends (one past it), or −1 when none starts there.</summary>
    internal static int StringEnd<T>(ReadOnlySpan<T> text, int start)
        where T : unmanaged, IBinaryInteger<T>
    {
        var first = int.CreateTruncating(text[start]);
        if (first == '(')
        {
            var depth = 0;
            for (var i = start; i < text.Length; i++)
            {
                switch (int.CreateTruncating(text[i]))
                {
                    case '\\':
                        i++;
                        break;
                    case '(':
                        depth++;
                        break;
                    case ')' when --depth == 0:
                        return i + 1;
                }
            }

            throw new InvalidOperationException("A PDF part has an unterminated string.");
        }

        if (first == '<' && (start + 1 >= text.Length || int.CreateTruncating(text[start + 1]) != '<'))
        {
            for (var i = start + 1; i < text.Length; i++)
            {
                if (int.CreateTruncating(text[i]) == '>')
                {
                    return i + 1;
                }
            }

            throw new InvalidOperationException("A PDF part has an unterminated hex string.");
        }

        return -1;
    }

    private static (int Number, PdfPartObject Object) ReadObject(ReadOnlySpan<byte> pdf, int offset)
    {
        var number = NumberAt(pdf, offset, out var afterNumber);
        var obj = afterNumber + pdf[afterNumber..].IndexOf("obj"u8);
        var bodyStart = obj + 3;
        var keyword = Keyword(pdf, bodyStart);
        var body = Encoding.Latin1.GetString(pdf[bodyStart..keyword]).Trim();
        (int Start, int Length)? stream = null;
        if (pdf[keyword..].StartsWith("stream"u8))
        {
            var start = keyword + "stream".Length;
            start += pdf[start] == (byte)'\r' ? 2 : 1;
            var length = int.Parse(new PdfPartObject(body, null).Value("/Length"), CultureInfo.InvariantCulture);
            var after = start + length;
            after += pdf[after..].IndexOfAnyExcept(" \r\n"u8);
            if (!pdf[after..].StartsWith("endstream"u8))
            {
                throw new InvalidOperationException($"A PDF part's stream at offset {offset} is not as long as it says.");
            }

            stream = (start, length);
        }

        return (number, new PdfPartObject(body, stream) { Offset = offset });
    }

    /// <summary>Where the "stream" or "endobj" keyword after an object's value begins (strings skipped).</summary>
    private static int Keyword(ReadOnlySpan<byte> pdf, int from)
    {
        for (var i = from; i < pdf.Length; i++)
        {
            if (pdf[i] == (byte)'<' && i + 1 < pdf.Length && pdf[i + 1] == (byte)'<')
            {
                i++; // a dictionary's "<<", not a hex string
                continue;
            }

            var end = StringEnd(pdf, i);
            if (end >= 0)
            {
                i = end - 1;
                continue;
            }

            if (pdf[i] is (byte)'s' or (byte)'e' && !IsRegular(pdf[i - 1])
                && (pdf[i..].StartsWith("stream"u8) || pdf[i..].StartsWith("endobj"u8))
                && (i + 6 >= pdf.Length || !IsRegular(pdf[i + 6])))
            {
                return i;
            }
        }

        throw new InvalidOperationException("A PDF part has an object without its end.");
    }

    /// <summary>A character that continues a name, a number or a keyword (not white space or a delimiter).</summary>
    private static bool IsRegular(byte c) => c > (byte)' ' && "()<>[]{}/%"u8.IndexOf(c) < 0;

    /// <summary>The unsigned number at <paramref name="at"/> (white space before it skipped).</summary>
    private static int NumberAt(ReadOnlySpan<byte> pdf, int at, out int end)
    {
        at += pdf[at..].IndexOfAnyExcept(" \r\n"u8);
        var value = 0;
        end = at;
        while (end < pdf.Length && pdf[end] is >= (byte)'0' and <= (byte)'9')
        {
            value = checked(value * 10 + (pdf[end] - '0'));
            end++;
        }

        return end > at ? value : throw new InvalidOperationException($"A PDF part has no number at offset {at}.");
    }
}

/// <summary>One object of a <see cref="PdfPart"/>: its text and where its stream's bytes are in the part.</summary>
internal sealed partial record PdfPartObject(string Body, (int Start, int Length)? Stream)
{
    public int Offset { get; init; }

    /// <summary>The object number that a dictionary entry refers to ("/Pages 9 0 R" gives 9).</summary>
    public int Reference(string key)
    {
        var match = ReferenceValue().Match(Value(key));
        return match.Success
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"A PDF part's {key} is not a reference.");
    }

    /// <summary>The object number an entry refers to, or null when the dictionary has no such entry.</summary>
    public int? ReferenceOrNull(string key) => ValueOrNull(key) is null ? null : Reference(key);

    /// <summary>The text of a top-level dictionary entry's value (a number, a name, a reference, an array, a dictionary).</summary>
    public string Value(string key) => ValueOrNull(key) ?? throw new InvalidOperationException($"A PDF part's object has no {key}.");

    /// <summary>The text of a top-level dictionary entry's value, or null when the dictionary has no such entry.</summary>
    public string? ValueOrNull(string key)
    {
        var depth = 0;
        for (var i = 0; i < Body.Length; i++)
        {
            if (SkipString(i) is var end && end > i)
            {
                i = end - 1;
                continue;
            }

            if (Body[i] == '<' && i + 1 < Body.Length && Body[i + 1] == '<')
            {
                depth++;
                i++;
            }
            else if (Body[i] == '>' && i + 1 < Body.Length && Body[i + 1] == '>')
            {
                depth--;
                i++;
            }
            else if (Body[i] == '[')
            {
                depth++;
            }
            else if (Body[i] == ']')
            {
                depth--;
            }
            else if (depth == 1 && Body[i] == '/' && string.CompareOrdinal(Body, i, key, 0, key.Length) == 0
                && (i + key.Length >= Body.Length || !char.IsLetterOrDigit(Body, i + key.Length)))
            {
                return ValueAt(i + key.Length);
            }
        }

        return null;
    }

    /// <summary>One past the string starting at <paramref name="i"/>, or <paramref name="i"/> when none starts there.</summary>
    private int SkipString(int i) => PdfPart.StringEnd(Body.AsSpan(), i) is var end && end >= 0 ? end : i;

    private string ValueAt(int start)
    {
        var i = start;
        while (i < Body.Length && char.IsWhiteSpace(Body[i]))
        {
            i++;
        }

        var from = i;
        var depth = 0;
        for (; i < Body.Length; i++)
        {
            if (SkipString(i) is var end && end > i)
            {
                i = end - 1;
                if (depth == 0)
                {
                    return Body[from..end];
                }

                continue;
            }

            var c = Body[i];
            if (c is '[' || (c == '<' && i + 1 < Body.Length && Body[i + 1] == '<'))
            {
                depth++;
                i += c == '<' ? 1 : 0;
            }
            else if (c is ']' || (c == '>' && i + 1 < Body.Length && Body[i + 1] == '>'))
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
                i += c == '>' ? 1 : 0;
                if (depth == 0)
                {
                    return Body[from..(i + 1)];
                }
            }
            else if (depth == 0 && c == '/' && i > from)
            {
                break;
            }
        }

        return Body[from..i].Trim();
    }

    [GeneratedRegex(@"^(\d+) 0 R$")]
    private static partial Regex ReferenceValue();
}
