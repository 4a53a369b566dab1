using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using QRCoder;

namespace Reporting.Infrastructure.Pdf;

/// <summary>One slip to cut out: a heading, lines of text, a code printed large, an address, and a QR code.</summary>
public sealed record Slip(string Heading, string Lead, string CodeLabel, string Code, string Address, string QrContent, string Note);

/// <summary>
/// Sheets of slips for printing: eight to an A4 page (two across, four down) with dashed cut lines, each
/// slip with its code in large type and a QR code that a phone opens. Drawn directly with PDFsharp, not
/// through the flowing document blocks: a slip sheet is a grid to cut, not a text to read on screen.
/// </summary>
public static class SlipSheet
{
    public const int Columns = 2;
    public const int Rows = 4;
    public const int PerPage = Columns * Rows;
    private const double Padding = 16;
    private const double QrSize = 96;

    public static byte[] Render(string title, IReadOnlyList<Slip> slips)
    {
        PdfFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.ViewerPreferences.DisplayDocTitle = true;
        document.Options.NoCompression = false;
        var heading = PdfFonts.Bold(11);
        var text = PdfFonts.Regular(9);
        var code = PdfFonts.Bold(22);
        var small = PdfFonts.Regular(7.5);
        for (var first = 0; first < slips.Count; first += PerPage)
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            using var graphics = XGraphics.FromPdfPage(page);
            var width = page.Width.Point / Columns;
            var height = page.Height.Point / Rows;
            CutLines(graphics, page.Width.Point, page.Height.Point, width, height);
            for (var i = first; i < Math.Min(slips.Count, first + PerPage); i++)
            {
                var x = (i - first) % Columns * width;
                var y = (i - first) / Columns * height;
                Draw(graphics, slips[i], new XRect(x + Padding, y + Padding, width - (2 * Padding), height - (2 * Padding)), heading, text, code, small);
            }
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void CutLines(XGraphics graphics, double pageWidth, double pageHeight, double width, double height)
    {
        var pen = new XPen(XColors.Gray, 0.6) { DashStyle = XDashStyle.Dash };
        for (var column = 1; column < Columns; column++)
        {
            graphics.DrawLine(pen, column * width, 0, column * width, pageHeight);
        }

        for (var row = 1; row < Rows; row++)
        {
            graphics.DrawLine(pen, 0, row * height, pageWidth, row * height);
        }
    }

    private static void Draw(XGraphics graphics, Slip slip, XRect area, XFont heading, XFont text, XFont code, XFont small)
    {
        var textWidth = area.Width - QrSize - 8;
        var formatter = new XTextFormatter(graphics);
        formatter.DrawString(slip.Heading, heading, XBrushes.Black, new XRect(area.X, area.Y, textWidth, 16));
        formatter.DrawString(slip.Lead, text, XBrushes.Black, new XRect(area.X, area.Y + 17, textWidth, 44));
        graphics.DrawString(slip.CodeLabel, text, XBrushes.Black, new XRect(area.X, area.Y + 62, textWidth, 12), XStringFormats.TopLeft);
        graphics.DrawString(slip.Code, code, XBrushes.Black, new XRect(area.X, area.Y + 73, textWidth, 28), XStringFormats.TopLeft);
        QrCode(graphics, slip.QrContent, new XRect(area.Right - QrSize, area.Y, QrSize, QrSize));
        graphics.DrawString(slip.Address, PdfFonts.Bold(9.5), XBrushes.Black, new XRect(area.X, area.Y + QrSize + 6, area.Width, 14), XStringFormats.TopLeft);
        formatter.DrawString(slip.Note, small, XBrushes.Black, new XRect(area.X, area.Y + QrSize + 22, area.Width, area.Height - QrSize - 22));
    }

    /// <summary>The QR code as vector squares (its quiet zone included), so it prints sharp at any size.</summary>
    private static void QrCode(XGraphics graphics, string content, XRect area)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var size = area.Width / modules.Count;
        for (var row = 0; row < modules.Count; row++)
        {
            for (var column = 0; column < modules[row].Length; column++)
            {
                if (modules[row][column])
                {
                    // A hair larger than the module, so neighbours leave no white seam when printed.
                    graphics.DrawRectangle(XBrushes.Black, area.X + (column * size), area.Y + (row * size), size + 0.05, size + 0.05);
                }
            }
        }
    }
}
