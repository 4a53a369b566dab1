using System.Globalization;
using Reporting.Infrastructure.Pdf;
using SkiaSharp;

namespace Reporting.Infrastructure.Charts;

/// <summary>
/// Charts as PNG images, for documents that show the same chart in Word and in PDF (the situation
/// picture): drawn once, embedded in both. The look follows <see cref="PdfCharts"/>: readable in
/// black and white (grey levels and hatching for bars, dashes and marker shapes for lines), axis
/// labels and a legend. Sizes are in points, drawn at three pixels a point.
/// </summary>
public static class ChartImages
{
    private const float PixelsPerPoint = 3;
    private const float LegendHeight = 30;
    private const float AxisLabelWidth = 28;
    private const float CategoryLabelHeight = 16;
    private static readonly byte[] Greys = [38, 115, 179, 224, 255];
    private static readonly float[][] Dashes = [[], [6, 3], [1.5f, 2.5f], [6, 2, 1.5f, 2], [6, 2, 1.5f, 2, 1.5f, 2]];
    private static readonly Lazy<SKTypeface> Regular = new(() => Typeface(bold: false));
    private static readonly Lazy<SKTypeface> Bold = new(() => Typeface(bold: true));

    /// <summary>Stacked bars: one bar per category, one segment per series.</summary>
    public static byte[] StackedBars(float width, float height, string axisTitle, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series) =>
        Draw(width, height, (canvas, area) =>
        {
            var totals = categories.Select((_, c) => series.Sum(s => s.Values[c])).ToList();
            var plot = PlotArea(area);
            var (max, step) = Scale(totals.DefaultIfEmpty(0).Max());
            ValueAxis(canvas, plot, max, step, axisTitle);
            var slot = plot.Width / Math.Max(1, categories.Count);
            var barWidth = Math.Min(70, slot * 0.55f);
            for (var c = 0; c < categories.Count; c++)
            {
                var x = plot.Left + c * slot + (slot - barWidth) / 2;
                var y = plot.Bottom;
                for (var s = 0; s < series.Count; s++)
                {
                    var value = series[s].Values[c];
                    if (value == 0)
                    {
                        continue;
                    }

                    var segmentHeight = plot.Height * value / max;
                    var segment = new SKRect(x, y - segmentHeight, x + barWidth, y);
                    Fill(canvas, segment, s);
                    if (segmentHeight >= 10)
                    {
                        var dark = Greys[s % Greys.Length] < 128 && s % 2 == 0;
                        var text = Number(value);
                        if (s % 2 == 1)
                        {
                            var labelWidth = Font(7.5f).MeasureText(text);
                            canvas.DrawRect(segment.MidX - labelWidth / 2 - 2, segment.MidY - 5, labelWidth + 4, 10, Solid(SKColors.White));
                        }

                        Text(canvas, text, segment.MidX, segment.MidY + 2.6f, 7.5f, SKTextAlign.Center, dark ? SKColors.White : SKColors.Black);
                    }

                    y -= segmentHeight;
                }

                Text(canvas, Number(totals[c]), x + barWidth / 2, y - 3, 8, SKTextAlign.Center, SKColors.Black, bold: true);
                Text(canvas, categories[c], plot.Left + c * slot + slot / 2, plot.Bottom + 11, 8.5f, SKTextAlign.Center, SKColors.Black);
            }

            Legend(canvas, area, series, (rect, s) => Fill(canvas, rect, s));
        });

    /// <summary>Lines over categories (quarters, years), one per series, each with its own dash and marker.</summary>
    public static byte[] Lines(float width, float height, string axisTitle, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series) =>
        Draw(width, height, (canvas, area) =>
        {
            var plot = PlotArea(area);
            var (max, step) = Scale(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
            ValueAxis(canvas, plot, max, step, axisTitle);
            var slot = plot.Width / Math.Max(1, categories.Count);
            float X(int c) => plot.Left + slot * (c + 0.5f);
            float Y(int v) => plot.Bottom - plot.Height * v / max;
            for (var c = 0; c < categories.Count; c++)
            {
                Text(canvas, categories[c], X(c), plot.Bottom + 11, 7.5f, SKTextAlign.Center, SKColors.Black);
            }

            for (var s = 0; s < series.Count; s++)
            {
                using var pen = LinePen(s);
                for (var c = 1; c < categories.Count; c++)
                {
                    canvas.DrawLine(X(c - 1), Y(series[s].Values[c - 1]), X(c), Y(series[s].Values[c]), pen);
                }

                for (var c = 0; c < categories.Count; c++)
                {
                    Marker(canvas, s, X(c), Y(series[s].Values[c]));
                }
            }

            Legend(canvas, area, series, (rect, s) =>
            {
                using var pen = LinePen(s);
                canvas.DrawLine(rect.Left - 3, rect.MidY, rect.Right + 3, rect.MidY, pen);
                Marker(canvas, s, rect.MidX, rect.MidY);
            });
        });

    private static byte[] Draw(float width, float height, Action<SKCanvas, SKRect> draw)
    {
        var info = new SKImageInfo((int)Math.Ceiling(width * PixelsPerPoint), (int)Math.Ceiling(height * PixelsPerPoint));
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(PixelsPerPoint);
        draw(canvas, new SKRect(0, 0, width, height));
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static SKRect PlotArea(SKRect area) =>
        new(area.Left + AxisLabelWidth + 12, area.Top + 14, area.Right - 4, area.Bottom - CategoryLabelHeight - LegendHeight);

    private static void ValueAxis(SKCanvas canvas, SKRect plot, int max, int step, string title)
    {
        using var axis = Stroke(SKColors.Black, 0.6f);
        using var grid = Stroke(new SKColor(209, 209, 209), 0.4f);
        for (var value = 0; value <= max; value += step)
        {
            var y = plot.Bottom - plot.Height * value / max;
            canvas.DrawLine(plot.Left, y, plot.Right, y, value == 0 ? axis : grid);
            Text(canvas, Number(value), plot.Left - 4, y + 2.6f, 7.5f, SKTextAlign.Right, SKColors.Black);
        }

        canvas.DrawLine(plot.Left, plot.Top, plot.Left, plot.Bottom, axis);
        Text(canvas, title, plot.Left - AxisLabelWidth - 12, plot.Top - 6, 7.5f, SKTextAlign.Left, SKColors.Black);
    }

    private static void Legend(SKCanvas canvas, SKRect area, IReadOnlyList<ChartSeries> series, Action<SKRect, int> swatch)
    {
        var x = area.Left + AxisLabelWidth + 12;
        var y = area.Bottom - LegendHeight + 8;
        for (var s = 0; s < series.Count; s++)
        {
            var width = 28 + Font(8).MeasureText(series[s].Label) + 14;
            if (x + width > area.Right)
            {
                x = area.Left + AxisLabelWidth + 12;
                y += 13;
            }

            swatch(new SKRect(x + 6, y, x + 20, y + 9), s);
            Text(canvas, series[s].Label, x + 28, y + 7.5f, 8, SKTextAlign.Left, SKColors.Black);
            x += width;
        }
    }

    /// <summary>A grey by series, hatched for every other series so neighbours differ without colour.</summary>
    private static void Fill(SKCanvas canvas, SKRect rect, int series)
    {
        var grey = Greys[series % Greys.Length];
        using var fill = Solid(new SKColor(grey, grey, grey));
        canvas.DrawRect(rect, fill);
        if (series % 2 == 1)
        {
            canvas.Save();
            canvas.ClipRect(rect);
            using var hatch = Stroke(grey < 128 ? SKColors.White : SKColors.Black, 0.5f);
            for (var offset = -rect.Height; offset < rect.Width; offset += 4)
            {
                canvas.DrawLine(rect.Left + offset, rect.Bottom, rect.Left + offset + rect.Height, rect.Top, hatch);
            }

            canvas.Restore();
        }

        using var border = Stroke(SKColors.Black, 0.5f);
        canvas.DrawRect(rect, border);
    }

    private static SKPaint LinePen(int series)
    {
        var pen = Stroke(series % 2 == 0 ? SKColors.Black : new SKColor(89, 89, 89), 1.4f);
        if (Dashes[series % Dashes.Length] is { Length: > 0 } dashes)
        {
            pen.PathEffect = SKPathEffect.CreateDash(dashes, 0);
        }

        return pen;
    }

    private static void Marker(SKCanvas canvas, int series, float x, float y)
    {
        const float r = 3;
        using var pen = Stroke(SKColors.Black, 0.8f);
        using var black = Solid(SKColors.Black);
        using var white = Solid(SKColors.White);
        switch (series % 5)
        {
            case 0:
                canvas.DrawCircle(x, y, r, black);
                break;
            case 1:
                canvas.DrawRect(x - r, y - r, 2 * r, 2 * r, white);
                canvas.DrawRect(x - r, y - r, 2 * r, 2 * r, pen);
                break;
            case 2:
                Polygon(canvas, black, pen, (x, y - r - 0.5f), (x + r, y + r), (x - r, y + r));
                break;
            case 3:
                Polygon(canvas, white, pen, (x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y));
                break;
            default:
                canvas.DrawLine(x - r, y - r, x + r, y + r, pen);
                canvas.DrawLine(x - r, y + r, x + r, y - r, pen);
                break;
        }
    }

    private static void Polygon(SKCanvas canvas, SKPaint fill, SKPaint border, params (float X, float Y)[] points)
    {
        using var path = new SKPath();
        path.MoveTo(points[0].X, points[0].Y);
        foreach (var (px, py) in points.Skip(1))
        {
            path.LineTo(px, py);
        }

        path.Close();
        canvas.DrawPath(path, fill);
        canvas.DrawPath(path, border);
    }

    private static void Text(SKCanvas canvas, string text, float x, float y, float size, SKTextAlign align, SKColor colour, bool bold = false)
    {
        using var font = Font(size, bold);
        using var paint = Solid(colour);
        canvas.DrawText(text, x, y, align, font, paint);
    }

    private static SKFont Font(float size, bool bold = false) => new((bold ? Bold : Regular).Value, size) { Subpixel = true };

    private static SKPaint Solid(SKColor colour) => new() { Color = colour, IsAntialias = true, Style = SKPaintStyle.Fill };

    private static SKPaint Stroke(SKColor colour, float width) => new() { Color = colour, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width };

    private static SKTypeface Typeface(bool bold)
    {
        using var data = SKData.CreateCopy(PdfFonts.Embedded(bold));
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException("The embedded chart font could not be read.");
    }

    private static (int Max, int Step) Scale(int largest) => PdfCharts.Scale(largest);

    private static string Number(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("sv-SE"));
}
