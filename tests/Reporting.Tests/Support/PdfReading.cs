using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;

namespace Reporting.Tests.Support;

/// <summary>Reads a PDF back (PdfPig): page texts, table rows by their label, and raw dictionary checks.</summary>
public sealed partial class PdfReading : IDisposable
{
    private readonly PdfDocument _document;

    public PdfReading(byte[] pdf)
    {
        Bytes = pdf;
        _document = PdfDocument.Open(pdf);
        // Words joined by spaces: a wrapped line reads on as one sentence.
        Pages = [.. _document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text)))];
    }

    public byte[] Bytes { get; }

    public IReadOnlyList<string> Pages { get; }

    public string AllText => string.Join("\n", Pages);

    /// <summary>The PDF's object dictionaries (PDFsharp writes them uncompressed), for structure and font checks.</summary>
    public string Raw => Encoding.Latin1.GetString(Bytes);

    /// <summary>The words on the same line as <paramref name="label"/> after it, on every page where the label starts a line.</summary>
    public IReadOnlyList<IReadOnlyList<string>> RowsAfter(string label)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var page in _document.GetPages())
        {
            var lines = page.GetWords()
                .GroupBy(w => Math.Round(w.BoundingBox.Bottom, 0))
                .Select(line => line.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text).ToList());
            foreach (var words in lines)
            {
                var text = string.Join(" ", words);
                if (text.StartsWith(label + " ", StringComparison.Ordinal))
                {
                    rows.Add([.. text[(label.Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
                }
            }
        }

        return rows;
    }

    /// <summary>The single row labelled <paramref name="label"/>'s last word (the count column).</summary>
    public string CountOf(string label)
    {
        var rows = RowsAfter(label);
        Assert.That(rows, Is.Not.Empty, $"a row labelled '{label}'");
        return rows[0][^1];
    }

    /// <summary>The structure parent tree's keys in the order they stand (one per page that has tagged content).</summary>
    public IEnumerable<int> ParentTreeKeys()
    {
        var nums = Regex.Match(Raw, @"/Nums\s*\[(.*?)\]\s*>>", RegexOptions.Singleline).Groups[1].Value;
        return Regex.Matches(nums, @"(?:^|\])\s*(\d+)\s*\[").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Whether any page marks content as an artifact (page frames, repeated headers).</summary>
    public bool HasArtifacts => _document.GetPages().Any(p => p.Operations.Any(o => o.ToString()?.Contains("/Artifact", StringComparison.Ordinal) == true));

    public void Dispose() => _document.Dispose();

    /// <summary>Renders every page with poppler's pdftoppm; returns the PNG files (missing tool: fail in CI, skip elsewhere).</summary>
    public static async Task<IReadOnlyList<string>> RenderPagesAsync(byte[] pdf, string folder, int resolution = 40)
    {
        const string tool = "/usr/bin/pdftoppm";
        if (!File.Exists(tool))
        {
            var message = $"{tool} is missing: install poppler-utils (apt-get install poppler-utils); .ci/run does.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        var input = Path.Combine(folder, "summary.pdf");
        await File.WriteAllBytesAsync(input, pdf);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-r", resolution.ToString(System.Globalization.CultureInfo.InvariantCulture), "-png", input, Path.Combine(folder, "page") })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, error);
        return [.. Directory.GetFiles(folder, "page-*.png").Order(StringComparer.Ordinal)];
    }

    /// <summary>Each page's text as poppler lays it out (pdftotext -layout), one string a page.</summary>
    public static async Task<IReadOnlyList<string>> PageTextsAsync(byte[] pdf, string folder)
    {
        var input = Path.Combine(folder, "document.pdf");
        await File.WriteAllBytesAsync(input, pdf);
        var (exit, text, error) = await RequiredTool.RunAsync("/usr/bin/pdftotext", "poppler-utils", "-layout", input, "-");
        Assert.That(exit, Is.Zero, error);
        return text.Split('\f').SkipLast(1).ToList();
    }

    [GeneratedRegex(@"/Type\s*/FontDescriptor\b")]
    public static partial Regex FontDescriptor();

    [GeneratedRegex(@"/FontFile2\b")]
    public static partial Regex EmbeddedTrueType();
}
