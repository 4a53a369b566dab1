using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace Reporting.Infrastructure.Pdf;

/// <summary>
/// A small document layer on PDFsharp: A4 pages with a frame, headings, wrapped paragraphs, tables
/// that break across pages with repeated headers, and figures. It lays out everything first
/// (measure and paginate), so the total page count is known before the first page is drawn
/// ("Sida X av Y"), then draws pages in order with a tagged structure (PDF/UA through PDFsharp's
/// UAManager): headings, paragraphs, tables with header cells, figures with alternative text, and
/// the page frame as artifacts.
/// </summary>
public static class PdfComposer
{
    public const double A4Short = 595.28;
    public const double A4Long = 841.89;
    public const double Margin = 50;
    internal const double BodyTop = Margin + 26;
    internal const double CellPadding = 3;
    internal const int MaxRowSegmentLines = 40;

    /// <summary>The width text and tables get on a portrait page.</summary>
    public static double ContentWidth => A4Short - 2 * Margin;

    public static byte[] Render(PdfPageFrame frame, IReadOnlyList<PdfBlock> blocks)
    {
        PdfFonts.EnsureRegistered();
        var pages = PdfLayout.Paginate(blocks);
        using var document = new PdfDocument();
        document.Info.Title = frame.Title;
        document.Info.Creator = "Reporting";
        var ua = UAManager.ForDocument(document);
        ua.SetDocumentLanguage(frame.Language);
        new PdfPageDrawer(document, ua, frame, pages).DrawAll();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}
