using System.Globalization;
using PdfSharp.Drawing;

namespace Reporting.Infrastructure.Pdf;

/// <summary>One data series of a chart: its legend label and one value per category.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<int> Values);

/// <summary>
/// Vector charts drawn with XGraphics, readable in black and white: bars differ by grey level and
/// hatching and carry their numbers; lines differ by dash pattern and marker shape. Every chart
/// has axis labels and a legend.
/// </summary>
public static class PdfCharts
{
    private static readonly double[] Greys = [0.15, 0.45, 0.7, 0.88, 1.0];
    private static readonly XDashStyle[] Dashes = [XDashStyle.Solid, XDashStyle.Dash, XDashStyle.Dot, XDashStyle.DashDot, XDashStyle.DashDotDot];
    private static readonly XPen Axis = new(XColors.Black, 0.6);
    private static readonly XPen Grid = new(XColor.FromGrayScale(0.82), 0.4);
    private const double LegendHeight = 30;
    private const double AxisLabelWidth = 28;
    private const double CategoryLabelHeight = 16;

    /// <summary>Stacked bars: one bar per category, one segment per series.</summary>
    public static void StackedBars(XGraphics g, XRect area, string axisTitle, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series)
    {
        var totals = categories.Select((_, c) => series.Sum(s => s.Values[c])).ToList();
        var plot = PlotArea(area);
        var (max, step) = Scale(totals.DefaultIfEmpty(0).Max());
        DrawValueAxis(g, plot, max, step, axisTitle);
        var slot = plot.Width / Math.Max(1, categories.Count);
        var barWidth = Math.Min(70, slot * 0.55);
        var label = PdfFonts.Regular(7.5);
        for (var c = 0; c < categories.Count; c++)
        {
            var x = plot.X + c * slot + (slot - barWidth) / 2;
            var y = plot.Bottom;
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[c];
                if (value == 0)
                {
                    continue;
                }

                var height = plot.Height * value / max;
                var segment = new XRect(x, y - height, barWidth, height);
                Fill(g, segment, s);
                if (height >= 10)
                {
                    var text = Number(value);
                    var ink = Greys[s % Greys.Length] < 0.5 ? XBrushes.White : XBrushes.Black;
                    if (s % 2 == 1)
                    {
                        // On hatching the number sits on a white label, so it stays legible.
                        var size = g.MeasureString(text, label);
                        g.DrawRectangle(XBrushes.White, segment.X + (segment.Width - size.Width) / 2 - 2, segment.Y + (segment.Height - size.Height) / 2, size.Width + 4, size.Height);
                        ink = XBrushes.Black;
                    }

                    g.DrawString(text, label, ink, segment, XStringFormats.Center);
                }

                y -= height;
            }

            g.DrawString(Number(totals[c]), PdfFonts.Bold(8), XBrushes.Black, new XRect(x - 10, y - 12, barWidth + 20, 11), XStringFormats.BottomCenter);
            g.DrawString(categories[c], PdfFonts.Regular(8.5), XBrushes.Black, new XRect(plot.X + c * slot, plot.Bottom + 3, slot, CategoryLabelHeight), XStringFormats.TopCenter);
        }

        Legend(g, area, series, (rect, s) => Fill(g, rect, s));
    }

    /// <summary>Lines over categories (quarters), one per series, each with its own dash and marker.</summary>
    public static void Lines(XGraphics g, XRect area, string axisTitle, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series)
    {
        var plot = PlotArea(area);
        var (max, step) = Scale(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        DrawValueAxis(g, plot, max, step, axisTitle);
        var slot = plot.Width / Math.Max(1, categories.Count);
        double X(int c) => plot.X + slot * (c + 0.5);
        double Y(int v) => plot.Bottom - plot.Height * v / max;
        for (var c = 0; c < categories.Count; c++)
        {
            g.DrawString(categories[c], PdfFonts.Regular(7.5), XBrushes.Black, new XRect(plot.X + c * slot, plot.Bottom + 3, slot, CategoryLabelHeight), XStringFormats.TopCenter);
        }

        for (var s = 0; s < series.Count; s++)
        {
            var pen = LinePen(s);
            for (var c = 1; c < categories.Count; c++)
            {
                g.DrawLine(pen, X(c - 1), Y(series[s].Values[c - 1]), X(c), Y(series[s].Values[c]));
            }

            for (var c = 0; c < categories.Count; c++)
            {
                Marker(g, s, X(c), Y(series[s].Values[c]));
            }
        }

        Legend(g, area, series, (rect, s) =>
        {
            var middle = rect.Y + rect.Height / 2;
            g.DrawLine(LinePen(s), rect.X - 3, middle, rect.Right + 3, middle);
            Marker(g, s, rect.X + rect.Width / 2, middle);
        });
    }

    private static XRect PlotArea(XRect area) =>
        new(area.X + AxisLabelWidth + 12, area.Y + 14, area.Width - AxisLabelWidth - 16, area.Height - 14 - CategoryLabelHeight - LegendHeight);

    private static void DrawValueAxis(XGraphics g, XRect plot, int max, int step, string title)
    {
        var font = PdfFonts.Regular(7.5);
        for (var value = 0; value <= max; value += step)
        {
            var y = plot.Bottom - plot.Height * value / max;
            g.DrawLine(value == 0 ? Axis : Grid, plot.X, y, plot.Right, y);
            g.DrawString(Number(value), font, XBrushes.Black, new XRect(plot.X - AxisLabelWidth - 4, y - 5, AxisLabelWidth, 10), XStringFormats.CenterRight);
        }

        g.DrawLine(Axis, plot.X, plot.Y, plot.X, plot.Bottom);
        g.DrawString(title, PdfFonts.Regular(7.5), XBrushes.Black, new XRect(plot.X - AxisLabelWidth - 12, plot.Y - 14, 200, 10), XStringFormats.TopLeft);
    }

    private static void Legend(XGraphics g, XRect area, IReadOnlyList<ChartSeries> series, Action<XRect, int> swatch)
    {
        var font = PdfFonts.Regular(8);
        var x = area.X + AxisLabelWidth + 12;
        var y = area.Bottom - LegendHeight + 8;
        for (var s = 0; s < series.Count; s++)
        {
            var width = 28 + g.MeasureString(series[s].Label, font).Width + 14;
            if (x + width > area.Right)
            {
                x = area.X + AxisLabelWidth + 12;
                y += 13;
            }

            swatch(new XRect(x + 6, y, 14, 9), s);
            g.DrawString(series[s].Label, font, XBrushes.Black, new XRect(x + 28, y - 1, width, 11), XStringFormats.TopLeft);
            x += width;
        }
    }

    /// <summary>A grey by series, hatched for every other series so neighbours differ without colour.</summary>
    private static void Fill(XGraphics g, XRect rect, int series)
    {
        var grey = Greys[series % Greys.Length];
        g.DrawRectangle(new XPen(XColors.Black, 0.5), new XSolidBrush(XColor.FromGrayScale(grey)), rect);
        if (series % 2 == 1)
        {
            var state = g.Save();
            g.IntersectClip(rect);
            var hatch = new XPen(grey < 0.5 ? XColors.White : XColors.Black, 0.5);
            for (var offset = -rect.Height; offset < rect.Width; offset += 4)
            {
                g.DrawLine(hatch, rect.X + offset, rect.Bottom, rect.X + offset + rect.Height, rect.Y);
            }

            g.Restore(state);
        }
    }

    private static XPen LinePen(int series) => new(XColor.FromGrayScale(series % 2 == 0 ? 0 : 0.35), 1.4) { DashStyle = Dashes[series % Dashes.Length] };

    private static void Marker(XGraphics g, int series, double x, double y)
    {
        const double r = 3;
        var pen = new XPen(XColors.Black, 0.8);
        switch (series % 5)
        {
            case 0:
                g.DrawEllipse(pen, XBrushes.Black, x - r, y - r, 2 * r, 2 * r);
                break;
            case 1:
                g.DrawRectangle(pen, XBrushes.White, x - r, y - r, 2 * r, 2 * r);
                break;
            case 2:
                g.DrawPolygon(pen, XBrushes.Black, [new XPoint(x, y - r - 0.5), new XPoint(x + r, y + r), new XPoint(x - r, y + r)], XFillMode.Winding);
                break;
            case 3:
                g.DrawPolygon(pen, XBrushes.White, [new XPoint(x, y - r - 1), new XPoint(x + r + 1, y), new XPoint(x, y + r + 1), new XPoint(x - r - 1, y)], XFillMode.Winding);
                break;
            default:
                g.DrawLine(pen, x - r, y - r, x + r, y + r);
                g.DrawLine(pen, x - r, y + r, x + r, y - r);
                break;
        }
    }

    /// <summary>An axis maximum and step that are round numbers (1, 2 or 5 times a power of ten); the chart images use it too.</summary>
    internal static (int Max, int Step) Scale(int largest)
    {
        if (largest <= 0)
        {
            return (5, 1);
        }

        var rough = largest / 5.0;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = (int)Math.Max(1, new[] { 1, 2, 5, 10 }.Select(f => f * power).First(s => s >= rough));
        return ((int)Math.Ceiling((double)largest / step) * step, step);
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("sv-SE"));
}
