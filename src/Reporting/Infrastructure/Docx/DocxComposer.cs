using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Reporting.Infrastructure.Pdf;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Reporting.Infrastructure.Docx;

/// <summary>
/// Writes the blocks a document is described in (the same ones the PDF composer draws) as a Word
/// document the coordinator can edit: real heading styles (Word's navigation pane and table of
/// contents find them), tables with a repeated header row, figures as images with their
/// alternative text, Swedish as the language of every style, and the frame's marking and footer
/// on every page.
/// </summary>
public static class DocxComposer
{
    private const long EmuPerPoint = 12700;
    private const double TextWidthPoints = 451; // A4 less 2.5 cm margins

    public static byte[] Render(PdfPageFrame frame, IEnumerable<PdfBlock> blocks)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = frame.Title;
            document.PackageProperties.Language = frame.Language;
            var main = document.AddMainDocumentPart();
            AddStyles(main, frame.Language);
            var body = new Body();
            var pictures = 0u;
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case PdfHeading heading:
                        body.Append(Paragraph(heading.Text, $"Heading{Math.Clamp(heading.Level, 1, 3)}"));
                        break;
                    case PdfParagraph paragraph:
                        body.Append(Paragraph(paragraph.Text, paragraph.Style switch
                        {
                            PdfTextStyle.Title => "Title",
                            PdfTextStyle.Lead => "Subtitle",
                            PdfTextStyle.Small => "Small",
                            _ => null,
                        }));
                        break;
                    case PdfTable table:
                        body.Append(Table(table));
                        body.Append(new Paragraph());
                        break;
                    case PdfFigure { Png: { } png } figure:
                        body.Append(Picture(main, png, figure, ++pictures));
                        break;
                    case PdfFigure figure:
                        // A vector drawing has no Word form; its alternative text stands in for it.
                        body.Append(Paragraph(figure.AltText, "Small"));
                        break;
                    case PdfPageBreak:
                        body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
                        break;
                }
            }

            body.Append(Section(main, frame));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>A paragraph; line breaks in the text become Word line breaks.</summary>
    private static Paragraph Paragraph(string text, string? style, bool bold = false, JustificationValues? justification = null)
    {
        var paragraph = new Paragraph();
        var properties = new ParagraphProperties();
        if (style is not null)
        {
            properties.Append(new ParagraphStyleId { Val = style });
        }

        if (justification is { } justify)
        {
            properties.Append(new Justification { Val = justify });
        }

        if (properties.HasChildren)
        {
            paragraph.Append(properties);
        }

        var run = new Run();
        if (bold)
        {
            run.Append(new RunProperties(new Bold()));
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        paragraph.Append(run);
        return paragraph;
    }

    private static Table Table(PdfTable source)
    {
        var table = new Table(new TableProperties(
            new TableStyle { Val = "ReportingTable" },
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            // First row (0x20), first column (0x80), no banding (0x200, 0x400), in the form every Word version reads.
            new TableLook { Val = source.RowHeaders ? "06A0" : "0620" }));
        var shares = source.Columns.Sum(c => c.Share);
        var grid = new TableGrid();
        foreach (var column in source.Columns)
        {
            grid.Append(new GridColumn { Width = ((int)(TextWidthPoints * 20 * column.Share / shares)).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        table.Append(grid);
        // The header row repeats on every page the table runs over.
        var header = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
        foreach (var column in source.Columns)
        {
            header.Append(Cell(column.Header, bold: true, column.AlignRight));
        }

        table.Append(header);
        for (var r = 0; r < source.Rows.Count; r++)
        {
            var isTotal = source.LastRowIsTotal && r == source.Rows.Count - 1;
            var cells = source.Rows[r]; // once: rows may be made as they are asked for (PdfRows)
            var row = new TableRow(new TableRowProperties(new CantSplit()));
            for (var c = 0; c < source.Columns.Count; c++)
            {
                var text = c < cells.Count ? cells[c] : string.Empty;
                row.Append(Cell(text, bold: isTotal, source.Columns[c].AlignRight));
            }

            table.Append(row);
        }

        return table;
    }

    private static TableCell Cell(string text, bool bold, bool alignRight) =>
        new(Paragraph(text, "TableText", bold, alignRight ? JustificationValues.Right : null));

    private static Paragraph Picture(MainDocumentPart main, byte[] png, PdfFigure figure, uint id)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var data = new MemoryStream(png, writable: false))
        {
            part.FeedData(data);
        }

        var widthPoints = Math.Min(figure.Width ?? TextWidthPoints, TextWidthPoints);
        var heightPoints = figure.Height * widthPoints / (figure.Width ?? TextWidthPoints);
        var cx = (long)(widthPoints * EmuPerPoint);
        var cy = (long)(heightPoints * EmuPerPoint);
        var name = $"Diagram {id}";
        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = name, Description = figure.AltText },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(
                        new PIC.NonVisualDrawingProperties { Id = id, Name = name + ".png", Description = figure.AltText },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = main.GetIdOfPart(part) }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U,
        };
        return new Paragraph(new ParagraphProperties(new KeepNext()), new Run(new Drawing(inline)));
    }

    /// <summary>A4 portrait, 2.5 cm margins, the marking in the header and the footer line with the page number.</summary>
    private static SectionProperties Section(MainDocumentPart main, PdfPageFrame frame)
    {
        var headerPart = main.AddNewPart<HeaderPart>();
        headerPart.Header = new Header(Paragraph(frame.Marking ?? string.Empty, "Small"));
        var footerPart = main.AddNewPart<FooterPart>();
        var footer = Paragraph(frame.FooterLeft + " · Sida ", "Small");
        footer.Append(new SimpleField(new Run(new Text("1"))) { Instruction = " PAGE " });
        footerPart.Footer = new Footer(footer);
        return new SectionProperties(
            new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(headerPart) },
            new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footerPart) },
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 1417, Bottom = 1417, Left = 1417U, Right = 1417U, Header = 708U, Footer = 708U });
    }

    /// <summary>Word's built-in style names (heading 1–3, Title), so Word treats them as its own; Swedish throughout.</summary>
    private static void AddStyles(MainDocumentPart main, string language)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        part.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri" },
                    new FontSize { Val = "22" },
                    new Languages { Val = language, EastAsia = language, Bidi = language })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
            Style("Normal", "Normal", null, null, isDefault: true),
            Style("Title", "Title", 0, "52", bold: true),
            Style("Subtitle", "Subtitle", null, "28"),
            Style("Heading1", "heading 1", 0, "32", bold: true),
            Style("Heading2", "heading 2", 1, "26", bold: true),
            Style("Heading3", "heading 3", 2, "23", bold: true),
            Style("Small", "Small text", null, "18"),
            Style("TableText", "Table text", null, "19", spacingAfter: "0"),
            new Style(
                new StyleName { Val = "Reporting table" },
                new BasedOn { Val = "TableNormal" },
                new StyleTableProperties(
                    new TableBorders(
                        new TopBorder { Val = BorderValues.Single, Size = 4 },
                        new LeftBorder { Val = BorderValues.Single, Size = 4 },
                        new BottomBorder { Val = BorderValues.Single, Size = 4 },
                        new RightBorder { Val = BorderValues.Single, Size = 4 },
                        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                        new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
                    new TableCellMarginDefault(
                        new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                        new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })))
            { Type = StyleValues.Table, StyleId = "ReportingTable" });
    }

    private static Style Style(string id, string name, int? outlineLevel, string? size, bool bold = false, bool isDefault = false, string? spacingAfter = null)
    {
        var paragraph = new StyleParagraphProperties();
        if (outlineLevel is { } level)
        {
            paragraph.Append(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" }, new OutlineLevel { Val = level });
        }
        else if (spacingAfter is not null)
        {
            paragraph.Append(new SpacingBetweenLines { After = spacingAfter });
        }

        var run = new StyleRunProperties();
        if (bold)
        {
            run.Append(new Bold());
        }

        if (size is not null)
        {
            run.Append(new FontSize { Val = size });
        }

        // The schema fixes the order: name, basedOn, next, qFormat, pPr, rPr.
        var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id, Default = isDefault ? true : null };
        if (id != "Normal")
        {
            style.Append(new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" });
        }

        style.Append(new PrimaryStyle());

        if (paragraph.HasChildren)
        {
            style.Append(paragraph);
        }

        if (run.HasChildren)
        {
            style.Append(run);
        }

        return style;
    }
}
