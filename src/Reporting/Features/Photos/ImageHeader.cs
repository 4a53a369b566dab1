using System.Buffers.Binary;

namespace Reporting.Features.Photos;

/// <summary>The kinds of image the service takes, told by their first bytes.</summary>
public enum ImageKind
{
    Jpeg,
    Png,
    WebP,
}

/// <summary>
/// An image's kind and size read from its first bytes, before any decoder sees it: a picture that
/// claims more pixels than the limit (a decompression bomb of a few KB) is refused on these numbers,
/// so nothing is allocated for it. Null where the header cannot be read; the file is then damaged.
/// </summary>
public static class ImageHeader
{
    public static ImageKind? Kind(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF ? ImageKind.Jpeg
        : bytes.Length >= 8 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? ImageKind.Png
        : bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? ImageKind.WebP
        : null;

    public static (long Width, long Height)? Size(ReadOnlySpan<byte> bytes, ImageKind kind) => kind switch
    {
        ImageKind.Png => bytes.Length >= 24 && bytes[12..16].SequenceEqual("IHDR"u8)
            ? (BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]), BinaryPrimitives.ReadUInt32BigEndian(bytes[20..]))
            : null,
        ImageKind.Jpeg => JpegSize(bytes),
        _ => WebPSize(bytes),
    };

    /// <summary>The size in the frame header (SOFn), walking the segments before it by their lengths.</summary>
    private static (long, long)? JpegSize(ReadOnlySpan<byte> bytes)
    {
        var at = 2;
        while (at + 4 <= bytes.Length)
        {
            if (bytes[at] != 0xFF)
            {
                return null;
            }

            var marker = bytes[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill bytes before a marker
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += 2; // markers without a length
                continue;
            }

            if (marker is 0xDA or 0xD9)
            {
                return null; // image data or the end before any frame header
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 2)..]);
            var isFrame = marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);
            if (isFrame)
            {
                return at + 9 <= bytes.Length
                    ? (BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 5)..]))
                    : null;
            }

            at += 2 + length;
        }

        return null;
    }

    /// <summary>The canvas of an extended WebP (VP8X), or the frame of a lossy (VP8) or lossless (VP8L) one.</summary>
    private static (long, long)? WebPSize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 30)
        {
            return null;
        }

        var chunk = bytes[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return (1 + (bytes[24] | (bytes[25] << 8) | (bytes[26] << 16)), 1 + (bytes[27] | (bytes[28] << 8) | (bytes[29] << 16)));
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(bytes[21..]);
            return (1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF));
        }

        if (chunk.SequenceEqual("VP8 "u8))
        {
            return (BinaryPrimitives.ReadUInt16LittleEndian(bytes[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(bytes[28..]) & 0x3FFF);
        }

        return null;
    }
}
