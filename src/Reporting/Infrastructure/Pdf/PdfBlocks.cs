using PdfSharp.Drawing;

namespace Reporting.Infrastructure.Pdf;

/// <summary>What a document is made of. The composer measures, paginates and draws these; callers only describe content.</summary>
public abstract record PdfBlock;

public enum PdfTextStyle
{
    Body,
    Small,
    Lead,
    Title,
}

/// <summary>A heading (levels 1–3), kept on the same page as the start of what follows it.</summary>
public sealed record PdfHeading(string Text, int Level) : PdfBlock;

/// <summary>Wrapped text; line breaks in the text are kept.</summary>
public sealed record PdfParagraph(string Text, PdfTextStyle Style = PdfTextStyle.Body) : PdfBlock;

/// <summary>A column: its header, its share of the width, and whether numbers are right-aligned.</summary>
public sealed record PdfColumn(string Header, double Share, bool AlignRight = false);

/// <summary>
/// A table that breaks across pages and repeats its header row there. The first cell of each row is
/// a row header (TH) when <see cref="RowHeaders"/> is set; a last row marked as a total is bold.
/// </summary>
public sealed record PdfTable(
    IReadOnlyList<PdfColumn> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    bool RowHeaders = true,
    bool LastRowIsTotal = false,
    double FontSize = 9) : PdfBlock;

/// <summary>
/// A drawing (a chart) with the alternative text a screen reader gives instead. <see cref="Png"/> is
/// set when the drawing is an image that other formats (Word) embed as it is.
/// </summary>
public sealed record PdfFigure(string AltText, double Height, Action<XGraphics, XRect> Draw) : PdfBlock
{
    public byte[]? Png { get; init; }

    /// <summary>A PNG image <paramref name="width"/> by <paramref name="height"/> points, drawn at that size.</summary>
    public static PdfFigure Image(string altText, double width, double height, byte[] png) =>
        new(altText, height, (g, area) =>
        {
            using var image = XImage.FromStream(new MemoryStream(png, writable: false));
            var drawnWidth = Math.Min(width, area.Width);
            g.DrawImage(image, area.X, area.Y, drawnWidth, height * drawnWidth / width);
        })
        { Png = png, Width = width };

    /// <summary>The image's width in points (the figure otherwise takes the text width).</summary>
    public double? Width { get; init; }
}

/// <summary>Starts a new page; landscape for wide tables (the pages after it keep the orientation until the next break).</summary>
public sealed record PdfPageBreak(bool Landscape = false) : PdfBlock;

/// <summary>What every page carries: a marking at the top (if any) and a footer; the document's title and language.</summary>
public sealed record PdfPageFrame(string Title, string? Marking, string FooterLeft, string Language = "sv-SE");
