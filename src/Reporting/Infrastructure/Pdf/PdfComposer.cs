namespace Reporting.Infrastructure.Pdf;

/// <summary>
/// A small document layer on PDFsharp: A4 pages with a frame, headings, wrapped paragraphs, tables
/// that break across pages with repeated headers, and figures. It lays out once to count the pages
/// ("Sida X av Y"), then lays out again and draws each page as it is laid out, with a tagged
/// structure (PDF/UA through PDFsharp's UAManager). Pages are drawn in parts of
/// <see cref="PagesPerPart"/> that are saved and joined into the output one after another (ADR 6).
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

    /// <summary>
    /// Pages per part: a part is drawn, saved and copied out before the next one starts, so memory
    /// holds one part's document (≈ 5 MB of a long list) instead of the whole (115 MB for 1,200
    /// pages). 50 measured best in the service (docs/benchmarks.md); smaller parts mostly add
    /// font subsets to the file (25 pages: +20 % bytes).
    /// </summary>
    internal const int PagesPerPart = 50;

    public static byte[] Render(PdfPageFrame frame, IReadOnlyList<PdfBlock> blocks)
    {
        PdfFonts.EnsureRegistered();
        var documentPages = PdfLayout.CountPages(blocks);
        using var output = new MemoryStream();
        using var saved = new MemoryStream(); // one buffer for every part's save
        var joiner = new PdfPartJoiner(output, frame.Language);
        PdfPageDrawer? part = null;
        var number = 0;
        void Join(PdfPageDrawer drawn)
        {
            saved.SetLength(0);
            drawn.Save(saved);
            joiner.Append(saved.GetBuffer().AsSpan(0, (int)saved.Length));
        }

        try
        {
            PdfLayout.Paginate(blocks, page =>
            {
                part ??= new PdfPageDrawer(frame, documentPages);
                part.Draw(page, ++number);
                if (part.PagesDrawn == PagesPerPart)
                {
                    Join(part);
                    part.Dispose();
                    part = null;
                    // The part's document has just died, young: collected now it goes, while left to
                    // the server GC it is promoted alongside the next part's work and piles up in
                    // generation 2 (10,000 reports: 353 → 323 MB peak; docs/benchmarks.md).
                    GC.Collect(1);
                }
            });
            if (part is not null)
            {
                Join(part);
            }
        }
        finally
        {
            part?.Dispose();
        }

        joiner.Finish();
        return output.ToArray();
    }
}
