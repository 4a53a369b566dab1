using PdfSharp.Drawing;

namespace Reporting.Infrastructure.Pdf;

/// <summary>Something placed on a page at a height, and how much of it it takes.</summary>
internal abstract record Placement(double Y, double Height);

internal sealed record TextPlacement(double Y, double Height, PdfBlock Block, IReadOnlyList<string> Lines, XFont Font, double LineHeight) : Placement(Y, Height);

internal sealed record RowPlacement(
    double Y, double Height, PdfTable Table, MeasuredTable Measured, int Row, IReadOnlyList<IReadOnlyList<string>> Cells,
    bool IsHeader, bool IsRepeatedHeader, bool OpensTable, bool ClosesTable) : Placement(Y, Height);

internal sealed record FigurePlacement(double Y, double Height, PdfFigure Figure) : Placement(Y, Height);

internal sealed record MeasuredTable(XFont Font, XFont HeaderFont, double LineHeight, double[] ColumnWidths, IReadOnlyList<IReadOnlyList<string>> Header);

/// <summary>One page: its orientation and what is placed on it.</summary>
internal sealed class PageLayout(bool landscape)
{
    public bool Landscape { get; } = landscape;

    public double Width => Landscape ? PdfComposer.A4Long : PdfComposer.A4Short;

    public double Height => Landscape ? PdfComposer.A4Short : PdfComposer.A4Long;

    public double ContentWidth => Width - 2 * PdfComposer.Margin;

    public double BodyBottom => Height - PdfComposer.Margin - 22;

    public List<Placement> Items { get; } = [];
}

/// <summary>
/// The layout pass: measures every block and places it on pages, handing each page on as soon as it
/// is full, so a long list is never laid out whole in memory. Run once to count the pages ("Sida X
/// av Y") and again to draw them. Headings keep with what follows, paragraphs and tables flow over
/// pages, and a table repeats its header on every page it reaches.
/// </summary>
internal static class PdfLayout
{
    public static int CountPages(IReadOnlyList<PdfBlock> blocks)
    {
        var count = 0;
        Paginate(blocks, _ => count++);
        return count;
    }

    /// <summary>Lays out the blocks and gives <paramref name="finished"/> each page, in order, once nothing more goes on it.</summary>
    public static void Paginate(IReadOnlyList<PdfBlock> blocks, Action<PageLayout> finished)
    {
        using var measure = XGraphics.CreateMeasureContext(new XSize(PdfComposer.A4Long, PdfComposer.A4Long), XGraphicsUnit.Point, XPageDirection.Downwards);
        var paginator = new Paginator(new PdfTextWrapper(measure), finished);
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            switch (block)
            {
                case PdfPageBreak pageBreak:
                    paginator.BreakPage(pageBreak.Landscape);
                    break;
                case PdfHeading:
                    // A heading keeps with the start of what follows it (and a heading under it, with that one's start).
                    paginator.PlaceText(block, paginator.StartHeight(blocks, i + 1));
                    break;
                case PdfParagraph:
                    paginator.PlaceText(block, 0);
                    break;
                case PdfFigure figure:
                    paginator.PlaceFigure(figure);
                    break;
                case PdfTable table:
                    paginator.PlaceTable(table);
                    break;
            }
        }

        finished(paginator.Page);
    }

    internal static XFont FontFor(PdfBlock block) => block switch
    {
        PdfHeading { Level: 1 } => PdfFonts.Bold(17),
        PdfHeading { Level: 2 } => PdfFonts.Bold(13),
        PdfHeading => PdfFonts.Bold(11),
        PdfParagraph { Style: PdfTextStyle.Title } => PdfFonts.Bold(22),
        PdfParagraph { Style: PdfTextStyle.Lead } => PdfFonts.Regular(12),
        PdfParagraph { Style: PdfTextStyle.Small } => PdfFonts.Regular(8.5),
        _ => PdfFonts.Regular(10),
    };

    /// <summary>The page being filled and where on it the next block goes; full pages are handed on.</summary>
    private sealed class Paginator(PdfTextWrapper wrapper, Action<PageLayout> finished)
    {
        private double _y = PdfComposer.BodyTop;

        public PageLayout Page { get; private set; } = new(landscape: false);

        private bool AtTop => _y <= PdfComposer.BodyTop;

        public void NewPage(bool? landscape = null)
        {
            finished(Page);
            Page = new PageLayout(landscape ?? Page.Landscape);
            _y = PdfComposer.BodyTop;
        }

        /// <summary>A page break, or on an empty page only a change of orientation.</summary>
        public void BreakPage(bool landscape)
        {
            if (Page.Items.Count > 0)
            {
                NewPage(landscape);
            }
            else
            {
                Page = new PageLayout(landscape);
            }
        }

        /// <summary>
        /// How much room the block at <paramref name="index"/> needs on the page its heading is on: a
        /// figure whole, a table's header and first row, a paragraph's first lines (all of a short one),
        /// a heading with the start of what follows it.
        /// </summary>
        public double StartHeight(IReadOnlyList<PdfBlock> blocks, int index, int depth = 0)
        {
            if (index >= blocks.Count || depth > 2)
            {
                return 0;
            }

            switch (blocks[index])
            {
                case PdfFigure figure:
                    return figure.Height;
                case PdfTable table:
                    var font = PdfFonts.Regular(table.FontSize);
                    var lineHeight = font.GetHeight() * 1.15;
                    var rows = Math.Min(table.Rows.Count, 2);
                    return ((rows + 1) * lineHeight) + ((rows + 1) * 2 * PdfComposer.CellPadding) + 4;
                case PdfParagraph paragraph:
                    var paragraphFont = FontFor(paragraph);
                    var lines = wrapper.Wrap(paragraph.Text, paragraphFont, Page.ContentWidth).Count;
                    return (lines <= MinimumLines * 2 ? lines : MinimumLines) * paragraphFont.GetHeight() * 1.2;
                case PdfHeading heading:
                    return (FontFor(heading).GetHeight() * 1.2) + 14 + StartHeight(blocks, index + 1, depth + 1);
                default:
                    return 0;
            }
        }

        /// <summary>A paragraph split over pages leaves at least this many lines on each.</summary>
        private const int MinimumLines = 3;

        public void PlaceText(PdfBlock block, double keepWithNext)
        {
            var font = FontFor(block);
            var lineHeight = font.GetHeight() * 1.2;
            var text = block is PdfHeading h ? h.Text : ((PdfParagraph)block).Text;
            var lines = wrapper.Wrap(text, font, Page.ContentWidth);
            var before = block is PdfHeading { Level: 1 } ? 14 : block is PdfHeading ? 10 : 0;
            var after = block is PdfHeading ? 4 : 6;
            var room = Page.BodyBottom - _y - before;
            var needed = block is PdfHeading
                ? lines.Count * lineHeight + after + Math.Min(keepWithNext, Page.BodyBottom - PdfComposer.BodyTop - (lines.Count * lineHeight) - after)
                : Math.Min(lines.Count, lines.Count <= MinimumLines * 2 ? lines.Count : MinimumLines) * lineHeight;
            if (!AtTop && needed > room)
            {
                NewPage();
            }

            if (!AtTop)
            {
                _y += before;
            }

            // A paragraph longer than the room left flows on, line by line, never leaving fewer than
            // MinimumLines on the next page (the widow a reader finds alone at the top of a page).
            var start = 0;
            while (start < lines.Count)
            {
                var fit = Math.Max(1, (int)Math.Floor((Page.BodyBottom - _y) / lineHeight));
                var left = lines.Count - start;
                var take = Math.Min(fit, left);
                if (take < left && left - take < MinimumLines && take > MinimumLines)
                {
                    take = Math.Max(MinimumLines, left - MinimumLines);
                }

                Page.Items.Add(new TextPlacement(_y, take * lineHeight, block, [.. lines.Skip(start).Take(take)], font, lineHeight));
                _y += take * lineHeight;
                start += take;
                if (start < lines.Count)
                {
                    NewPage();
                }
            }

            _y += after;
        }

        public void PlaceFigure(PdfFigure figure)
        {
            if (_y + figure.Height > Page.BodyBottom)
            {
                NewPage();
            }

            Page.Items.Add(new FigurePlacement(_y, figure.Height, figure));
            _y += figure.Height + 10;
        }

        public void PlaceTable(PdfTable table)
        {
            var font = PdfFonts.Regular(table.FontSize);
            var headerFont = PdfFonts.Bold(table.FontSize);
            var lineHeight = font.GetHeight() * 1.15;
            var totalShare = table.Columns.Sum(c => c.Share);
            var widths = table.Columns.Select(c => Page.ContentWidth * c.Share / totalShare).ToArray();
            IReadOnlyList<IReadOnlyList<string>> header = [.. table.Columns.Select((c, i) => wrapper.Wrap(c.Header, headerFont, widths[i] - 2 * PdfComposer.CellPadding))];
            var measured = new MeasuredTable(font, headerFont, lineHeight, widths, header);
            var headerHeight = RowHeight(header, lineHeight);
            // Rows are wrapped as they are placed: a list of 10,000 reports is never held wrapped whole.
            using var segments = Segments(table, font, headerFont, widths).GetEnumerator();
            var more = segments.MoveNext();

            if (!AtTop)
            {
                _y += 2;
            }

            var firstHeight = more ? RowHeight(segments.Current.Cells, lineHeight) : 0;
            if (!AtTop && _y + headerHeight + firstHeight > Page.BodyBottom)
            {
                NewPage();
            }

            Page.Items.Add(new RowPlacement(_y, headerHeight, table, measured, -1, header, IsHeader: true, IsRepeatedHeader: false, OpensTable: true, ClosesTable: !more));
            _y += headerHeight;
            while (more)
            {
                var segment = segments.Current;
                more = segments.MoveNext();
                var height = RowHeight(segment.Cells, lineHeight);
                if (_y + height > Page.BodyBottom)
                {
                    NewPage();
                    Page.Items.Add(new RowPlacement(_y, headerHeight, table, measured, -1, header, IsHeader: true, IsRepeatedHeader: true, OpensTable: false, ClosesTable: false));
                    _y += headerHeight;
                }

                Page.Items.Add(new RowPlacement(_y, height, table, measured, segment.Row, segment.Cells, IsHeader: false, IsRepeatedHeader: false, OpensTable: false, ClosesTable: !more));
                _y += height;
            }

            _y += 12;
        }

        /// <summary>Rows as segments of at most a few dozen lines, so that even a very long description flows over pages.</summary>
        private IEnumerable<(int Row, IReadOnlyList<IReadOnlyList<string>> Cells)> Segments(PdfTable table, XFont font, XFont headerFont, double[] widths)
        {
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var isTotal = table.LastRowIsTotal && r == table.Rows.Count - 1;
                var cells = table.Rows[r].Select((text, c) => wrapper.Wrap(text, isTotal ? headerFont : font, widths[c] - 2 * PdfComposer.CellPadding)).ToList();
                var lines = cells.Max(c => c.Count);
                for (var start = 0; start < lines; start += PdfComposer.MaxRowSegmentLines)
                {
                    var first = start;
                    IReadOnlyList<IReadOnlyList<string>> part = [.. cells.Select(c => (IReadOnlyList<string>)[.. c.Skip(first).Take(PdfComposer.MaxRowSegmentLines)])];
                    yield return (r, part);
                }
            }
        }

        private static double RowHeight(IReadOnlyList<IReadOnlyList<string>> cells, double lineHeight) =>
            Math.Max(1, cells.Max(c => c.Count)) * lineHeight + 2 * PdfComposer.CellPadding;
    }
}
