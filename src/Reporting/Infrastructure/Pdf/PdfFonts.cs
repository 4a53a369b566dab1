using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Reporting.Infrastructure.Pdf;

/// <summary>
/// DejaVu Sans (regular and bold), shipped inside the assembly with its licence
/// (Fonts/LICENSE-DejaVu.txt), so every PDF embeds the same fonts on any machine. Italic is simulated.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";
    private static readonly Lock Gate = new();
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    /// <summary>PDFsharp's font resolver is process-wide; set it once, before the first font is made.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not PdfFonts)
            {
                GlobalFontSettings.FontResolver = new PdfFonts();
            }
        }
    }

    public static XFont Regular(double size) => new(Family, size, XFontStyleEx.Regular, Unicode);

    public static XFont Bold(double size) => new(Family, size, XFontStyleEx.Bold, Unicode);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => Embedded(faceName);

    /// <summary>The font file's bytes (the chart images draw with the same faces).</summary>
    public static byte[] Embedded(bool bold) => Embedded(bold ? BoldFace : RegularFace);

    private static byte[] Embedded(string faceName)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"Reporting.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
