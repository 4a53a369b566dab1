using PdfSharp.Drawing;
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
    private const double BodyTop = Margin + 26;
    private const double CellPadding = 3;
    private const int MaxRowSegmentLines = 40;

    /// <summary>The width text and tables get on a portrait page.</summary>
    public static double ContentWidth => A4Short - 2 * Margin;

    public static byte[] Render(PdfPageFrame frame, IReadOnlyList<PdfBlock> blocks)
    {
        PdfFonts.EnsureRegistered();
        var pages = Paginate(blocks);
        using var document = new PdfDocument();
        document.Info.Title = frame.Title;
        document.Info.Creator = "Reporting";
        var ua = UAManager.ForDocument(document);
        ua.SetDocumentLanguage(frame.Language);
        new PageDrawer(document, ua, frame, pages).DrawAll();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    // ---- Layout: measure every block and place it on pages -------------------------------------

    private abstract record Placement(double Y, double Height);

    /// <summary>One page: its orientation and what is placed on it.</summary>
    private sealed class PageLayout(bool landscape)
    {
        public bool Landscape { get; } = landscape;

        public double Width => Landscape ? A4Long : A4Short;

        public double Height => Landscape ? A4Short : A4Long;

        public double ContentWidth => Width - 2 * Margin;

        public double BodyBottom => Height - Margin - 22;

        public List<Placement> Items { get; } = [];
    }

    private sealed record TextPlacement(double Y, double Height, PdfBlock Block, IReadOnlyList<string> Lines, XFont Font, double LineHeight) : Placement(Y, Height);

    private sealed record RowPlacement(
        double Y, double Height, PdfTable Table, MeasuredTable Measured, int Row, IReadOnlyList<IReadOnlyList<string>> Cells,
        bool IsHeader, bool IsRepeatedHeader, bool OpensTable, bool ClosesTable) : Placement(Y, Height);

    private sealed record FigurePlacement(double Y, double Height, PdfFigure Figure) : Placement(Y, Height);

    private sealed record MeasuredTable(XFont Font, XFont HeaderFont, double LineHeight, double[] ColumnWidths, IReadOnlyList<IReadOnlyList<string>> Header);

    private static XFont FontFor(PdfBlock block) => block switch
    {
        PdfHeading { Level: 1 } => PdfFonts.Bold(17),
        PdfHeading { Level: 2 } => PdfFonts.Bold(13),
        PdfHeading => PdfFonts.Bold(11),
        PdfParagraph { Style: PdfTextStyle.Title } => PdfFonts.Bold(22),
        PdfParagraph { Style: PdfTextStyle.Lead } => PdfFonts.Regular(12),
        PdfParagraph { Style: PdfTextStyle.Small } => PdfFonts.Regular(8.5),
        _ => PdfFonts.Regular(10),
    };

    private static List<PageLayout> Paginate(IReadOnlyList<PdfBlock> blocks)
    {
        using var measure = XGraphics.CreateMeasureContext(new XSize(A4Long, A4Long), XGraphicsUnit.Point, XPageDirection.Downwards);
        var wrapper = new TextWrapper(measure);
        var pages = new List<PageLayout> { new(landscape: false) };
        var y = BodyTop;

        void NewPage(bool? landscape = null)
        {
            pages.Add(new PageLayout(landscape ?? pages[^1].Landscape));
            y = BodyTop;
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            switch (blocks[i])
            {
                case PdfPageBreak pageBreak:
                    if (pages[^1].Items.Count > 0)
                    {
                        NewPage(pageBreak.Landscape);
                    }
                    else
                    {
                        pages[^1] = new PageLayout(pageBreak.Landscape);
                    }

                    break;

                case PdfHeading or PdfParagraph:
                {
                    var block = blocks[i];
                    var font = FontFor(block);
                    var lineHeight = font.GetHeight() * 1.2;
                    var text = block is PdfHeading h ? h.Text : ((PdfParagraph)block).Text;
                    var lines = wrapper.Wrap(text, font, pages[^1].ContentWidth);
                    var before = block is PdfHeading { Level: 1 } ? 14 : block is PdfHeading ? 10 : 0;
                    var after = block is PdfHeading ? 4 : 6;
                    // A heading keeps with the next block's first lines.
                    var keep = block is PdfHeading ? 60 : 0;
                    var height = lines.Count * lineHeight;
                    if (y > BodyTop && y + before + height + keep > pages[^1].BodyBottom)
                    {
                        NewPage();
                    }

                    if (y > BodyTop)
                    {
                        y += before;
                    }

                    // A paragraph longer than the room left flows on, line by line.
                    var start = 0;
                    while (start < lines.Count)
                    {
                        var fit = Math.Max(1, (int)Math.Floor((pages[^1].BodyBottom - y) / lineHeight));
                        var take = Math.Min(fit, lines.Count - start);
                        var part = lines.Skip(start).Take(take).ToList();
                        pages[^1].Items.Add(new TextPlacement(y, take * lineHeight, block, part, font, lineHeight));
                        y += take * lineHeight;
                        start += take;
                        if (start < lines.Count)
                        {
                            NewPage();
                        }
                    }

                    y += after;
                    break;
                }

                case PdfFigure figure:
                    if (y + figure.Height > pages[^1].BodyBottom)
                    {
                        NewPage();
                    }

                    pages[^1].Items.Add(new FigurePlacement(y, figure.Height, figure));
                    y += figure.Height + 10;
                    break;

                case PdfTable table:
                    y = PlaceTable(table, wrapper, pages, y, () => NewPage(), () => y);
                    break;
            }
        }

        return pages;
    }

    private static double PlaceTable(PdfTable table, TextWrapper wrapper, List<PageLayout> pages, double startY, Action newPage, Func<double> currentY)
    {
        var contentWidth = pages[^1].ContentWidth;
        var bodyBottom = pages[^1].BodyBottom;
        var font = PdfFonts.Regular(table.FontSize);
        var headerFont = PdfFonts.Bold(table.FontSize);
        var lineHeight = font.GetHeight() * 1.15;
        var totalShare = table.Columns.Sum(c => c.Share);
        var widths = table.Columns.Select(c => contentWidth * c.Share / totalShare).ToArray();
        IReadOnlyList<IReadOnlyList<string>> header = [.. table.Columns.Select((c, i) => wrapper.Wrap(c.Header, headerFont, widths[i] - 2 * CellPadding))];
        var measured = new MeasuredTable(font, headerFont, lineHeight, widths, header);
        var headerHeight = RowHeight(header, lineHeight);

        // Rows as segments of at most MaxRowSegmentLines lines, so that even a very long description flows over pages.
        var segments = new List<(int Row, IReadOnlyList<IReadOnlyList<string>> Cells)>();
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var isTotal = table.LastRowIsTotal && r == table.Rows.Count - 1;
            var cells = table.Rows[r].Select((text, c) => wrapper.Wrap(text, isTotal ? headerFont : font, widths[c] - 2 * CellPadding)).ToList();
            var lines = cells.Max(c => c.Count);
            for (var start = 0; start < lines; start += MaxRowSegmentLines)
            {
                var first = start;
                IReadOnlyList<IReadOnlyList<string>> part = [.. cells.Select(c => (IReadOnlyList<string>)[.. c.Skip(first).Take(MaxRowSegmentLines)])];
                segments.Add((r, part));
            }
        }

        var y = startY > BodyTop ? startY + 2 : startY;
        var firstHeight = segments.Count > 0 ? RowHeight(segments[0].Cells, lineHeight) : 0;
        if (y > BodyTop && y + headerHeight + firstHeight > bodyBottom)
        {
            newPage();
            y = currentY();
        }

        pages[^1].Items.Add(new RowPlacement(y, headerHeight, table, measured, -1, header, IsHeader: true, IsRepeatedHeader: false, OpensTable: true, ClosesTable: segments.Count == 0));
        y += headerHeight;
        for (var s = 0; s < segments.Count; s++)
        {
            var height = RowHeight(segments[s].Cells, lineHeight);
            if (y + height > bodyBottom)
            {
                newPage();
                y = currentY();
                pages[^1].Items.Add(new RowPlacement(y, headerHeight, table, measured, -1, header, IsHeader: true, IsRepeatedHeader: true, OpensTable: false, ClosesTable: false));
                y += headerHeight;
            }

            pages[^1].Items.Add(new RowPlacement(y, height, table, measured, segments[s].Row, segments[s].Cells, IsHeader: false, IsRepeatedHeader: false, OpensTable: false, ClosesTable: s == segments.Count - 1));
            y += height;
        }

        return y + 12;
    }

    private static double RowHeight(IReadOnlyList<IReadOnlyList<string>> cells, double lineHeight) =>
        Math.Max(1, cells.Max(c => c.Count)) * lineHeight + 2 * CellPadding;

    // ---- Drawing: pages in order, tagged ------------------------------------------------------

    private sealed class PageDrawer(PdfDocument document, UAManager ua, PdfPageFrame frame, List<PageLayout> pages)
    {
        private readonly StructureBuilder _structure = ua.StructureBuilder;
        private readonly List<PdfItem> _finishedParentTree = [];
        private readonly XFont _frameFont = PdfFonts.Regular(8);
        private readonly XFont _markingFont = PdfFonts.Bold(8.5);
        private static readonly XPen Rule = new(XColors.Black, 0.5);
        private static readonly XPen CellRule = new(XColor.FromGrayScale(0.6), 0.4);
        private static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromGrayScale(0.9));
        private static readonly XBrush Ink = XBrushes.Black;
        private XGraphics? _graphics;

        public void DrawAll()
        {
            _structure.BeginElement(PdfGroupingElementTag.Document);
            for (var number = 1; number <= pages.Count; number++)
            {
                var layout = pages[number - 1];
                SetFinishedPagesAside();
                var page = document.AddPage();
                page.Width = XUnit.FromPoint(layout.Width);
                page.Height = XUnit.FromPoint(layout.Height);
                _graphics?.Dispose();
                _graphics = XGraphics.FromPdfPage(page);
                DrawFrame(_graphics, layout, number);
                foreach (var placement in layout.Items)
                {
                    Draw(_graphics, layout, placement);
                }
            }

            _structure.End();
            _graphics?.Dispose();
            RestoreParentTree();
        }

        /// <summary>
        /// UAManager looks up the current page's entry in the structure parent tree by scanning all
        /// entries for every marked content, which makes a 1,000-page list quadratic. Pages are drawn in
        /// order and a finished page's entry is never looked up again, so the finished entries wait
        /// aside while later pages are drawn and are put back, in order, before saving.
        /// </summary>
        private void SetFinishedPagesAside()
        {
            if (ParentTreeNumbers() is { } numbers)
            {
                _finishedParentTree.AddRange(numbers.Elements);
                numbers.Elements.Clear();
            }
        }

        private void RestoreParentTree()
        {
            SetFinishedPagesAside();
            if (ParentTreeNumbers() is { } numbers)
            {
                foreach (var item in _finishedParentTree)
                {
                    numbers.Elements.Add(item);
                }
            }
        }

        private PdfArray? ParentTreeNumbers() =>
            ua.StructureTreeRoot.Elements.GetDictionary("/ParentTree")?.Elements.GetArray("/Nums");

        private void DrawFrame(XGraphics g, PageLayout page, int number)
        {
            _structure.BeginArtifact();
            if (frame.Marking is { } marking)
            {
                g.DrawString(marking, _markingFont, Ink, new XRect(Margin, Margin - 4, page.ContentWidth, 12), XStringFormats.TopLeft);
            }

            g.DrawLine(Rule, Margin, Margin + 12, page.Width - Margin, Margin + 12);
            g.DrawLine(Rule, Margin, page.Height - Margin - 12, page.Width - Margin, page.Height - Margin - 12);
            g.DrawString(frame.FooterLeft, _frameFont, Ink, new XRect(Margin, page.Height - Margin - 8, page.ContentWidth, 10), XStringFormats.TopLeft);
            g.DrawString($"Sida {number} av {pages.Count}", _frameFont, Ink, new XRect(Margin, page.Height - Margin - 8, page.ContentWidth, 10), XStringFormats.TopRight);
            _structure.End();
        }

        private void Draw(XGraphics g, PageLayout page, Placement placement)
        {
            switch (placement)
            {
                case TextPlacement text:
                    _structure.BeginElement(text.Block switch
                    {
                        PdfHeading { Level: 1 } => PdfBlockLevelElementTag.Heading1,
                        PdfHeading { Level: 2 } => PdfBlockLevelElementTag.Heading2,
                        PdfHeading => PdfBlockLevelElementTag.Heading3,
                        _ => PdfBlockLevelElementTag.Paragraph,
                    });
                    for (var i = 0; i < text.Lines.Count; i++)
                    {
                        g.DrawString(text.Lines[i], text.Font, Ink, new XRect(Margin, text.Y + i * text.LineHeight, page.ContentWidth, text.LineHeight), XStringFormats.TopLeft);
                    }

                    _structure.End();
                    break;

                case FigurePlacement figure:
                    var area = new XRect(Margin, figure.Y, page.ContentWidth, figure.Height);
                    _structure.BeginElement(PdfIllustrationElementTag.Figure, figure.Figure.AltText, area);
                    figure.Figure.Draw(g, area);
                    _structure.End();
                    break;

                case RowPlacement row:
                    DrawRow(g, row, page.ContentWidth);
                    break;
            }
        }

        private void DrawRow(XGraphics g, RowPlacement row, double contentWidth)
        {
            if (row.OpensTable)
            {
                _structure.BeginElement(PdfBlockLevelElementTag.Table);
            }

            // A header repeated on a later page is decoration: the table's structure has it once.
            if (row.IsRepeatedHeader)
            {
                _structure.BeginArtifact();
            }
            else
            {
                _structure.BeginElement(PdfBlockLevelElementTag.TableRow);
            }

            var measured = row.Measured;
            var isTotal = !row.IsHeader && row.Table.LastRowIsTotal && row.Row == row.Table.Rows.Count - 1;
            if (row.IsHeader)
            {
                g.DrawRectangle(HeaderFill, Margin, row.Y, contentWidth, row.Height);
            }

            var x = Margin;
            for (var c = 0; c < row.Cells.Count; c++)
            {
                var width = measured.ColumnWidths[c];
                var isHeaderCell = row.IsHeader || (row.Table.RowHeaders && c == 0);
                // Column headers and the total row are bold; row headers are tagged TH but set like the data.
                var font = row.IsHeader || isTotal ? measured.HeaderFont : measured.Font;
                if (!row.IsRepeatedHeader)
                {
                    _structure.BeginElement(isHeaderCell ? PdfBlockLevelElementTag.TableHeaderCell : PdfBlockLevelElementTag.TableDataCell);
                }

                var format = row.Table.Columns[c].AlignRight ? XStringFormats.TopRight : XStringFormats.TopLeft;
                for (var i = 0; i < row.Cells[c].Count; i++)
                {
                    var line = new XRect(x + CellPadding, row.Y + CellPadding + i * measured.LineHeight, width - 2 * CellPadding, measured.LineHeight);
                    g.DrawString(row.Cells[c][i], font, Ink, line, format);
                }

                if (!row.IsRepeatedHeader)
                {
                    _structure.End();
                }

                x += width;
            }

            g.DrawLine(row.IsHeader || isTotal ? Rule : CellRule, Margin, row.Y + (isTotal ? 0 : row.Height), Margin + contentWidth, row.Y + (isTotal ? 0 : row.Height));
            _structure.End();
            if (row.ClosesTable)
            {
                _structure.End();
            }
        }
    }

    /// <summary>Greedy word wrapping with measured widths, breaking over-long words.</summary>
    private sealed class TextWrapper(XGraphics measure)
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
}
