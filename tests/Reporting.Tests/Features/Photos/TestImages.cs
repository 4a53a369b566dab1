using SkiaSharp;

namespace Reporting.Tests.Features.Photos;

/// <summary>Images as a phone or an editor would send them, made in the test: pixels from SkiaSharp, metadata written by exiftool.</summary>
public static class TestImages
{
    /// <summary>A JPEG whose left half is red and right half blue (so a turn shows in the pixels).</summary>
    public static byte[] Jpeg(int width, int height, int quality = 90) => Encode(width, height, SKEncodedImageFormat.Jpeg, quality);

    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png, 100);

    public static byte[] Webp(int width, int height) => Encode(width, height, SKEncodedImageFormat.Webp, 90);

    /// <summary>A JPEG of random pixels: it compresses badly, so its size in bytes is near its size in pixels.</summary>
    public static byte[] NoiseJpeg(int width, int height)
    {
        var random = new Random(7);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 100);
        return data.ToArray();
    }

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height, red);
            using var noise = new SKPaint { Color = new SKColor(20, 200, 20) };
            for (var i = 0; i < width; i += 37)
            {
                canvas.DrawRect(i, (i * 7) % height, 3, 3, noise); // a little detail, as a photo has
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>Writes metadata into the image with exiftool (the tags a phone and an editor leave), and returns the file's bytes.</summary>
    public static async Task<byte[]> WithMetadataAsync(byte[] image, string extension, string folder, params string[] tags)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.{extension}");
        await File.WriteAllBytesAsync(path, image);
        var (exit, output, error) = await Support.RequiredTool.RunAsync("/usr/bin/exiftool", "libimage-exiftool-perl", [.. tags, "-overwrite_original", path]);
        Assert.That(exit, Is.Zero, output + error);
        return await File.ReadAllBytesAsync(path);
    }

    /// <summary>Everything exiftool finds in a file, group and tag names with their values, as JSON text.</summary>
    public static async Task<string> ExifToolReadAsync(byte[] image, string folder)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(path, image);
        var (exit, output, error) = await Support.RequiredTool.RunAsync("/usr/bin/exiftool", "libimage-exiftool-perl", "-j", "-a", "-G1", "-u", "-b", path);
        Assert.That(exit, Is.Zero, error);
        return output;
    }

    /// <summary>The tags a phone and an editor leave, with marker values to look for afterwards.</summary>
    public static readonly string[] PhoneTags =
    [
        "-GPSLatitude=59.3293", "-GPSLatitudeRef=N", "-GPSLongitude=18.0686", "-GPSLongitudeRef=E",
        "-Make=Markörkamera", "-Model=MarkörModell X", "-DateTimeOriginal=2026:11:20 14:32:07", "-CreateDate=2026:11:20 14:32:07",
        "-Software=MarkörRedigerare 3", "-Comment=Markörkommentar om skolgården", "-XMP-dc:Description=MarkörXmp om rektorn",
        "-IPTC:Caption-Abstract=MarkörIptc", "-Artist=Markör Fotograf",
    ];

    public static readonly string[] Markers = ["Markörkamera", "MarkörModell", "MarkörRedigerare", "Markörkommentar", "MarkörXmp", "MarkörIptc", "Markör Fotograf", "2026:11:20"];
}
