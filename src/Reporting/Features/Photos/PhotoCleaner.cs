using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Png;
using MetadataExtractor.Formats.Xmp;
using Reporting.Pipeline;
using SkiaSharp;

namespace Reporting.Features.Photos;

/// <summary>A photo as it is kept: the re-encoded pixels only, its size, and what the upload carried that is gone.</summary>
public sealed record CleanedPhoto(byte[] Jpeg, int Width, int Height, IReadOnlyList<string> Removed);

/// <summary>
/// Cleans a photo on arrival: the kind is told by its first bytes (not its name), the size is read
/// from the header before anything is decoded (a picture of more than 40 megapixels, a decompression
/// bomb, is refused without decoding it), the pixels are decoded (a JPEG straight at a smaller scale),
/// turned upright by the EXIF orientation, scaled to at most 2048 pixels on the long side and encoded
/// anew as a JPEG with no colour profile. Nothing of the upload survives but the pixels: no EXIF, GPS,
/// XMP, IPTC, comment, thumbnail, profile text or bytes after the image. What the upload carried is
/// read first (MetadataExtractor) only to tell the reporter that it is gone.
/// </summary>
public sealed class PhotoCleaner
{
    public const int MaxPixels = 40_000_000;
    public const int MaxLongSide = 2048;
    private const int JpegQuality = 85;

    // Decoding takes memory in proportion to the pixels: a few at a time keep eight uploads at once small.
    private static readonly SemaphoreSlim Decoding = new(Math.Max(2, Environment.ProcessorCount));

    /// <summary>The removed kinds in Swedish, for the receipt ("GPS-position, kameramodell och tidpunkt").</summary>
    public static readonly IReadOnlyDictionary<string, string> RemovedLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["gps"] = "GPS-position",
        ["camera"] = "kameramodell",
        ["date"] = "tidpunkt",
        ["software"] = "programvara",
        ["thumbnail"] = "miniatyrbild",
        ["xmp"] = "XMP-uppgifter",
        ["iptc"] = "IPTC-uppgifter",
        ["comment"] = "kommentar",
        ["icc"] = "färgprofil",
        ["text"] = "textfält",
        ["trailing-data"] = "data efter bilden",
    };

    /// <summary>Cleans the upload at <paramref name="index"/>; a 400 naming <c>photos[index]</c> for anything that is not a whole JPEG, PNG or WebP within the limits.</summary>
    public async Task<CleanedPhoto> CleanAsync(byte[] upload, int index, CancellationToken cancellationToken)
    {
        var field = $"photos[{index}]";
        var name = $"Bild {index + 1}";
        var kind = ImageHeader.Kind(upload);
        if (kind is null)
        {
            throw RequestValidationException.For(field, IsHeic(upload)
                ? $"{name} är i formatet HEIC, som telefoner sparar i. Skicka den som JPEG: på iPhone under Inställningar > Kamera > Format välj \"Mest kompatibel\", eller ta en skärmbild av bilden och skicka den."
                : $"{name} är inte en JPEG-, PNG- eller WebP-bild. Skicka ett foto i något av de formaten.");
        }

        // The size from the header, before any decoder: a bomb is refused on its own numbers.
        if (ImageHeader.Size(upload, kind.Value) is not { } size || size.Width <= 0 || size.Height <= 0)
        {
            throw RequestValidationException.For(field, $"{name} är skadad och kan inte läsas. Ta ett nytt foto eller spara om bilden.");
        }

        if (size.Width * size.Height > MaxPixels)
        {
            throw RequestValidationException.For(field, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{name} är för stor ({size.Width} × {size.Height} bildpunkter; högst {MaxPixels / 1_000_000} megapixel)."));
        }

        var removed = Removed(upload, kind.Value);
        await Decoding.WaitAsync(cancellationToken);
        try
        {
            return Clean(upload, name, field, removed);
        }
        finally
        {
            Decoding.Release();
        }
    }

    private static CleanedPhoto Clean(byte[] upload, string name, string field, IReadOnlyList<string> removed)
    {
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            throw RequestValidationException.For(field, $"{name} är skadad och kan inte läsas. Ta ett nytt foto eller spara om bilden.");
        }

        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            throw RequestValidationException.For(field, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{name} är för stor ({codec.Info.Width} × {codec.Info.Height} bildpunkter; högst {MaxPixels / 1_000_000} megapixel)."));
        }

        // A JPEG decodes straight at a half, a quarter or an eighth: a phone's 12 megapixels never sit in memory whole.
        var longSide = Math.Max(codec.Info.Width, codec.Info.Height);
        var scaled = longSide > MaxLongSide ? codec.GetScaledDimensions((float)MaxLongSide / longSide) : codec.Info.Size;
        if (scaled.Width <= 0 || scaled.Height <= 0)
        {
            scaled = codec.Info.Size;
        }

        var decodeInfo = new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, decoded.GetPixels());
        if (result is not (SKCodecResult.Success))
        {
            throw RequestValidationException.For(field, $"{name} är skadad eller ofullständig och kan inte läsas. Ta ett nytt foto eller spara om bilden.");
        }

        // Each step copies the pixels only when it has something to do: most photos arrive upright and
        // decode straight to their size, and a copy of 2000 × 1500 pixels is 12 MB.
        var opaque = codec.Info.AlphaType == SKAlphaType.Opaque;
        var upright = codec.EncodedOrigin == SKEncodedOrigin.TopLeft && opaque ? decoded : Upright(decoded, codec.EncodedOrigin);
        var sized = Bounded(upright);
        try
        {
            using var jpeg = sized.Encode(SKEncodedImageFormat.Jpeg, JpegQuality)
                ?? throw RequestValidationException.For(field, $"{name} kunde inte sparas. Försök igen med en annan bild.");
            return new CleanedPhoto(jpeg.ToArray(), sized.Width, sized.Height, removed);
        }
        finally
        {
            if (sized != upright)
            {
                sized.Dispose();
            }

            if (upright != decoded)
            {
                upright.Dispose();
            }
        }
    }

    /// <summary>The pixels turned as the camera meant them (EXIF orientation), on white (a JPEG has no transparency), with no colour space (so no profile is written).</summary>
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = (source.Width, source.Height);
        var result = new SKBitmap(new SKImageInfo(swaps ? h : w, swaps ? w : h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.White);
        canvas.SetMatrix(origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        });
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }

    /// <summary>The pixels within <see cref="MaxLongSide"/>: the same bitmap when they already are, else a scaled copy.</summary>
    private static SKBitmap Bounded(SKBitmap source)
    {
        var longSide = Math.Max(source.Width, source.Height);
        if (longSide <= MaxLongSide)
        {
            return source;
        }

        var factor = (double)MaxLongSide / longSide;
        var info = new SKImageInfo(Math.Max(1, (int)Math.Round(source.Width * factor)), Math.Max(1, (int)Math.Round(source.Height * factor)), SKColorType.Rgba8888, SKAlphaType.Premul);
        return source.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
    }

    private static bool IsHeic(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 12 && bytes[4..8].SequenceEqual("ftyp"u8)
        && (bytes[8..12].SequenceEqual("heic"u8) || bytes[8..12].SequenceEqual("heix"u8) || bytes[8..12].SequenceEqual("mif1"u8) || bytes[8..12].SequenceEqual("msf1"u8) || bytes[8..12].SequenceEqual("hevc"u8));

    /// <summary>What the upload carried besides its pixels (all of it is dropped by re-encoding; this only names it).</summary>
    private static List<string> Removed(byte[] upload, ImageKind kind)
    {
        var removed = new List<string>();
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            using var stream = new MemoryStream(upload, writable: false);
            directories = ImageMetadataReader.ReadMetadata(stream);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A damaged header makes the reader throw all kinds of things; the list only names what is dropped, and the decoder refuses the damage.
            directories = [];
        }

        void Add(string code)
        {
            if (!removed.Contains(code, StringComparer.Ordinal))
            {
                removed.Add(code);
            }
        }

        foreach (var directory in directories)
        {
            switch (directory)
            {
                case GpsDirectory gps when gps.TagCount > 0:
                    Add("gps");
                    break;
                case ExifIfd0Directory ifd0:
                    if (ifd0.ContainsTag(ExifDirectoryBase.TagMake) || ifd0.ContainsTag(ExifDirectoryBase.TagModel)) { Add("camera"); }
                    if (ifd0.ContainsTag(ExifDirectoryBase.TagDateTime)) { Add("date"); }
                    if (ifd0.ContainsTag(ExifDirectoryBase.TagSoftware)) { Add("software"); }
                    break;
                case ExifSubIfdDirectory sub:
                    if (sub.ContainsTag(ExifDirectoryBase.TagDateTimeOriginal) || sub.ContainsTag(ExifDirectoryBase.TagDateTimeDigitized)) { Add("date"); }
                    if (sub.ContainsTag(ExifDirectoryBase.TagLensModel) || sub.ContainsTag(ExifDirectoryBase.TagBodySerialNumber)) { Add("camera"); }
                    break;
                case ExifThumbnailDirectory thumbnail when thumbnail.TagCount > 0:
                    Add("thumbnail");
                    break;
                case XmpDirectory xmp when xmp.TagCount > 0 || xmp.XmpMeta is not null:
                    Add("xmp");
                    break;
                case IptcDirectory iptc when iptc.TagCount > 0:
                    Add("iptc");
                    break;
                case JpegCommentDirectory:
                    Add("comment");
                    break;
                case IccDirectory:
                    Add("icc");
                    break;
                case PngDirectory png when png.Name == PngChunkType.tEXt.Identifier || png.Name == PngChunkType.iTXt.Identifier || png.Name == PngChunkType.zTXt.Identifier
                    || png.ContainsTag(PngDirectory.TagTextualData):
                    Add("text");
                    break;
            }
        }

        if (HasTrailingData(upload, kind))
        {
            Add("trailing-data");
        }

        return removed;
    }

    /// <summary>Bytes after the image's end (a file hidden behind a photo, a "polyglot").</summary>
    private static bool HasTrailingData(ReadOnlySpan<byte> bytes, ImageKind kind)
    {
        switch (kind)
        {
            case ImageKind.Jpeg:
                var end = bytes.LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]);
                return end >= 0 && end + 2 < bytes.Length;
            case ImageKind.Png:
                var iend = bytes.LastIndexOf("IEND"u8);
                return iend >= 0 && iend + 8 < bytes.Length;
            default:
                return bytes.Length >= 8 && BitConverter.ToUInt32(bytes[4..8]) + 8L < bytes.Length;
        }
    }
}

/// <summary>What the reporter is told about one photo: the kinds of data it carried that are gone (codes of <see cref="PhotoCleaner.RemovedLabels"/>).</summary>
public sealed record PhotoReceipt(IReadOnlyList<string> Removed)
{
    /// <summary>"Bilden innehöll GPS-position, kameramodell och tidpunkt; de är borttagna."</summary>
    public string InWords(string name) => Removed.Count == 0
        ? $"{name} innehöll inga uppgifter utöver själva bilden."
        : $"{name} innehöll {Joined([.. Removed.Select(code => PhotoCleaner.RemovedLabels.GetValueOrDefault(code, code))])}; de är borttagna.";

    private static string Joined(IReadOnlyList<string> parts) =>
        parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " och " + parts[^1];
}
