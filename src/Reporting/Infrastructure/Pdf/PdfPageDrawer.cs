using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace Reporting.Infrastructure.Pdf;

/// <summary>
/// Draws a run of laid-out pages, as they come, into one PDFsharp document: a part of the whole,
/// saved and joined by <see cref="PdfPartJoiner"/> before the next part starts. Tags as PDF/UA
/// through PDFsharp's UAManager: headings, paragraphs, tables with header cells, figures with
/// alternative text, and the page frame as artifacts. A table that goes on from the previous part
/// opens again here with its repeated header as a real header row, so every part's table says what
/// its columns are.
/// </summary>
internal sealed class PdfPageDrawer : IDisposable
{
    private readonly PdfDocument _document = new();
    private readonly UAManager _ua;
    private readonly StructureBuilder _structure;
    private readonly PdfPageFrame _frame;
    private readonly int _documentPages;
    private readonly List<PdfItem> _finishedParentTree = [];
    private readonly XFont _frameFont = PdfFonts.Regular(8);
    private readonly XFont _markingFont = PdfFonts.Bold(8.5);
    private static readonly XPen Rule = new(XColors.Black, 0.5);
    private static readonly XPen CellRule = new(XColor.FromGrayScale(0.6), 0.4);
    private static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromGrayScale(0.9));
    private static readonly XBrush Ink = XBrushes.Black;
    private XGraphics? _graphics;
    private PdfPage? _page;
    private bool _tableOpen;

    /// <param name="frame">What every page carries.</param>
    /// <param name="documentPages">The whole document's page count, for "Sida X av Y".</param>
    public PdfPageDrawer(PdfPageFrame frame, int documentPages)
    {
        _frame = frame;
        _documentPages = documentPages;
        _document.Info.Title = frame.Title;
        _document.Info.Creator = "Reporting";
        _ua = UAManager.ForDocument(_document);
        _ua.SetDocumentLanguage(frame.Language);
        _structure = _ua.StructureBuilder;
        _structure.BeginElement(PdfGroupingElementTag.Document);
    }

    public int PagesDrawn { get; private set; }

    /// <summary>Draws one page; <paramref name="number"/> counts from the whole document's first page.</summary>
    public void Draw(PageLayout layout, int number)
    {
        SetFinishedPagesAside();
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(layout.Width);
        page.Height = XUnit.FromPoint(layout.Height);
        FinishPage();
        _graphics = XGraphics.FromPdfPage(page);
        _page = page;
        DrawFrame(_graphics, layout, number);
        foreach (var placement in layout.Items)
        {
            Draw(_graphics, layout, placement);
        }

        layout.Items.Clear(); // drawn: its wrapped lines are garbage now
        PagesDrawn++;
    }

    /// <summary>Closes what is still open (a table going on in the next part, the document element) and saves the part.</summary>
    public void Save(Stream output)
    {
        if (_tableOpen)
        {
            _structure.End();
            _tableOpen = false;
        }

        _structure.End();
        FinishPage();
        RestoreParentTree();
        _document.Save(output, closeStream: false);
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _document.Dispose();
    }

    /// <summary>
    /// A drawn page's content stream is compressed at once rather than when the document is saved,
    /// so a thousand-page list does not hold every page's drawing commands uncompressed until the end.
    /// </summary>
    private void FinishPage()
    {
        _graphics?.Dispose();
        _graphics = null;
        if (_page is not null)
        {
            _page.Contents.CreateSingleContent().Compressed = true;
        }
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
        _ua.StructureTreeRoot.Elements.GetDictionary("/ParentTree")?.Elements.GetArray("/Nums");

    private void DrawFrame(XGraphics g, PageLayout page, int number)
    {
        _structure.BeginArtifact();
        if (_frame.Marking is { } marking)
        {
            g.DrawString(marking, _markingFont, Ink, new XRect(PdfComposer.Margin, PdfComposer.Margin - 4, page.ContentWidth, 12), XStringFormats.TopLeft);
        }

        g.DrawLine(Rule, PdfComposer.Margin, PdfComposer.Margin + 12, page.Width - PdfComposer.Margin, PdfComposer.Margin + 12);
        g.DrawLine(Rule, PdfComposer.Margin, page.Height - PdfComposer.Margin - 12, page.Width - PdfComposer.Margin, page.Height - PdfComposer.Margin - 12);
        g.DrawString(_frame.FooterLeft, _frameFont, Ink, new XRect(PdfComposer.Margin, page.Height - PdfComposer.Margin - 8, page.ContentWidth, 10), XStringFormats.TopLeft);
        g.DrawString($"Sida {number} av {_documentPages}", _frameFont, Ink, new XRect(PdfComposer.Margin, page.Height - PdfComposer.Margin - 8, page.ContentWidth, 10), XStringFormats.TopRight);
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
                    g.DrawString(text.Lines[i], text.Font, Ink, new XRect(PdfComposer.Margin, text.Y + i * text.LineHeight, page.ContentWidth, text.LineHeight), XStringFormats.TopLeft);
                }

                _structure.End();
                break;

            case FigurePlacement figure:
                var area = new XRect(PdfComposer.Margin, figure.Y, page.ContentWidth, figure.Height);
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
        // A table carried over from the previous part opens again, and its repeated header is its header here.
        var carriedOver = !row.OpensTable && !_tableOpen;
        if (row.OpensTable || carriedOver)
        {
            _structure.BeginElement(PdfBlockLevelElementTag.Table);
            _tableOpen = true;
        }

        // A header repeated on a later page is decoration: the table's structure has it once.
        var decoration = row.IsRepeatedHeader && !carriedOver;
        if (decoration)
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
            g.DrawRectangle(HeaderFill, PdfComposer.Margin, row.Y, contentWidth, row.Height);
        }

        var x = PdfComposer.Margin;
        for (var c = 0; c < row.Cells.Count; c++)
        {
            var width = measured.ColumnWidths[c];
            var isHeaderCell = row.IsHeader || (row.Table.RowHeaders && c == 0);
            // Column headers and the total row are bold; row headers are tagged TH but set like the data.
            var font = row.IsHeader || isTotal ? measured.HeaderFont : measured.Font;
            if (!decoration)
            {
                _structure.BeginElement(isHeaderCell ? PdfBlockLevelElementTag.TableHeaderCell : PdfBlockLevelElementTag.TableDataCell);
            }

            var format = row.Table.Columns[c].AlignRight ? XStringFormats.TopRight : XStringFormats.TopLeft;
            for (var i = 0; i < row.Cells[c].Count; i++)
            {
                var line = new XRect(x + PdfComposer.CellPadding, row.Y + PdfComposer.CellPadding + i * measured.LineHeight, width - 2 * PdfComposer.CellPadding, measured.LineHeight);
                g.DrawString(row.Cells[c][i], font, Ink, line, format);
            }

            if (!decoration)
            {
                _structure.End();
            }

            x += width;
        }

        g.DrawLine(row.IsHeader || isTotal ? Rule : CellRule, PdfComposer.Margin, row.Y + (isTotal ? 0 : row.Height), PdfComposer.Margin + contentWidth, row.Y + (isTotal ? 0 : row.Height));
        _structure.End();
        if (row.ClosesTable)
        {
            _structure.End();
            _tableOpen = false;
        }
    }
}
