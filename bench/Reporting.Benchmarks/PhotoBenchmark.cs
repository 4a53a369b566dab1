using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Reporting.Features.Photos;
using SkiaSharp;

namespace Reporting.Benchmarks;

/// <summary>
/// Issue 34's photo row. Cleaning throughput (MB/s of uploads) for 12-megapixel phone-like JPEGs (a
/// camera's EXIF with GPS, made here) against the ceiling measured in the same run: SkiaSharp's plain
/// decode and encode of the same files to the same size with none of the cleaner's steps (no metadata
/// read, no turning, no size checks). Then the built service's peak RSS while 8 uploads at a time
/// arrive, and the time to refuse a decompression bomb (a 50,000 × 50,000 PNG of a few KB).
/// Targets: ≥ 0.8 of the ceiling; ≤ 600 MB peak RSS; the bomb refused in ≤ 50 ms.
/// </summary>
public static class PhotoBenchmark
{
    private const int Width = 4000;
    private const int Height = 3000;

    public static async Task RunAsync(TimeSpan duration)
    {
        Console.WriteLine();
        Console.WriteLine($"Photos · 12-megapixel JPEGs ({Width} × {Height}) with a phone's EXIF and GPS, cleaned to ≤ {PhotoCleaner.MaxLongSide} px");
        var photos = Enumerable.Range(0, 4).Select(PhoneJpeg).ToList();
        Console.WriteLine($"  inputs: {photos.Count} files, {photos.Average(p => p.Length) / 1_000_000:0.0} MB each on average");

        var cleaner = new PhotoCleaner();
        var ceiling = Throughput("ceiling: SkiaSharp decode + encode", photos, duration, PlainDecodeEncode);
        var cleaning = Throughput("cleaning (PhotoCleaner)", photos, duration, photo => cleaner.CleanAsync(photo, 0, CancellationToken.None).GetAwaiter().GetResult().Jpeg.Length);
        var ratio = cleaning / ceiling;

        var bomb = Bomb();
        var bombMs = BombRefusal(cleaner, bomb);
        Console.WriteLine($"  bomb: a {bomb.Length / 1024.0:0.0} KB PNG claiming 50,000 × 50,000 pixels refused in {bombMs:0.00} ms (median of 20)");

        var peak = await ServicePeakRssAsync(photos, duration);
        var met = ratio >= 0.8 && peak <= 600 && bombMs <= 50;
        Console.WriteLine($"  cleaning at {ratio:0.00} of the ceiling (target ≥ 0.80); service peak RSS {peak} MB with 8 uploads at a time (target ≤ 600); bomb {bombMs:0.0} ms (target ≤ 50): {(met ? "met" : "NOT met")}");
    }

    private static double Throughput(string name, IReadOnlyList<byte[]> photos, TimeSpan duration, Func<byte[], int> operation)
    {
        operation(photos[0]); // warm-up: codecs loaded, JIT settled
        var bytes = 0L;
        var count = 0;
        var sink = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration || count < photos.Count)
        {
            var photo = photos[count % photos.Count];
            sink += operation(photo);
            bytes += photo.Length;
            count++;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        GC.KeepAlive(sink);
        var megabytesPerSecond = bytes / seconds / 1_000_000;
        Console.WriteLine($"  {name,-38} {megabytesPerSecond,7:0.0} MB/s  {count / seconds,6:0.0} photos/s  ({count} photos, one thread)");
        return megabytesPerSecond;
    }

    /// <summary>The least SkiaSharp needs to do to turn the upload into a JPEG of the same size: decode at the scale, encode.</summary>
    private static int PlainDecodeEncode(byte[] jpeg)
    {
        using var data = SKData.CreateCopy(jpeg);
        using var codec = SKCodec.Create(data);
        var longSide = Math.Max(codec.Info.Width, codec.Info.Height);
        var size = longSide > PhotoCleaner.MaxLongSide ? codec.GetScaledDimensions((float)PhotoCleaner.MaxLongSide / longSide) : codec.Info.Size;
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        codec.GetPixels(info, bitmap.GetPixels());
        using var encoded = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return (int)encoded.Size;
    }

    private static double BombRefusal(PhotoCleaner cleaner, byte[] bomb)
    {
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                cleaner.CleanAsync(bomb, 0, CancellationToken.None).GetAwaiter().GetResult();
                throw new InvalidOperationException("The bomb was not refused.");
            }
            catch (Reporting.Pipeline.RequestValidationException)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>The built service's VmHWM while 8 clients at a time send a report with one 12-megapixel photo each.</summary>
    private static async Task<long> ServicePeakRssAsync(IReadOnlyList<byte[]> photos, TimeSpan duration)
    {
        var root = IntakeBenchmark.FindRepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var serviceDll = Path.Combine(root, "src", "Reporting", "bin", configuration, "net10.0", "Reporting.dll");
        var data = Path.Combine(Path.GetTempPath(), "reporting-bench", Guid.NewGuid().ToString("N"));
        var port = ServerProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Storage__DataDirectory"] = data,
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["RateLimiting__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        try
        {
            await using var service = await ServerProcess.StartAsync(serviceDll, [], environment, port);
            using var client = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
            var report = System.Text.Json.JsonSerializer.Serialize(IntakeBenchmark.Report());
            var sent = 0;
            var failed = 0;
            var until = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (worker, cancellationToken) =>
            {
                for (var i = 0; until.Elapsed < duration || i == 0; i++)
                {
                    using var form = new MultipartFormDataContent
                    {
                        { new StringContent(report, Encoding.UTF8, "application/json"), "report" },
                    };
                    var part = new ByteArrayContent(photos[(worker + i) % photos.Count]);
                    part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                    form.Add(part, "photos", "IMG_0001.jpg");
                    using var response = await client.PostAsync("/api/reports", form, cancellationToken);
                    Interlocked.Increment(ref response.IsSuccessStatusCode ? ref sent : ref failed);
                }
            });
            var peak = service.PeakRssMegabytes();
            Console.WriteLine($"  service: {sent} reports with a photo stored in {until.Elapsed.TotalSeconds:0.0} s by 8 clients at a time ({sent / until.Elapsed.TotalSeconds:0.0}/s), {failed} failed; peak RSS {peak} MB");
            return failed == 0 ? peak : long.MaxValue;
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>A photo as a phone sends it: 12 megapixels of a scene with gradients and detail, and an EXIF block with the camera, the time and a GPS position.</summary>
    public static byte[] PhoneJpeg(int seed)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            using var sky = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, Height), [new SKColor(120, 170, 230), new SKColor(200, 190, 170)], SKShaderTileMode.Clamp) };
            canvas.DrawRect(0, 0, Width, Height, sky);
            using var paint = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 4000; i++)
            {
                paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(60, 255));
                canvas.DrawCircle(random.Next(Width), random.Next(Height), random.Next(4, 60), paint);
            }
        }

        // Sensor noise, as a camera's pictures have: it is what makes a phone's JPEG several megabytes.
        var pixels = bitmap.Bytes;
        var noise = new byte[pixels.Length];
        random.NextBytes(noise);
        for (var i = 0; i < pixels.Length; i++)
        {
            if ((i & 3) != 3)
            {
                pixels[i] = (byte)Math.Clamp(pixels[i] + (noise[i] % 17) - 8, 0, 255);
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);

        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, 92);
        var jpeg = encoded.ToArray();
        var exif = Exif();
        // SOI, then the APP1 Exif segment, then the rest of the encoder's file.
        return [.. jpeg.AsSpan(0, 2), .. exif, .. jpeg.AsSpan(2)];
    }

    /// <summary>An APP1 Exif segment: IFD0 with make, model, date and a GPS IFD with a position.</summary>
    private static byte[] Exif()
    {
        var tiff = new List<byte>();
        void U16(int v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v); tiff.AddRange(b); }
        void U32(long v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, (uint)v); tiff.AddRange(b); }

        var make = Encoding.ASCII.GetBytes("Apple\0");
        var model = Encoding.ASCII.GetBytes("iPhone 15\0");
        var date = Encoding.ASCII.GetBytes("2026:11:20 14:32:07\0");
        // Layout: header (8), IFD0 with 5 entries (2 + 5*12 + 4 = 66) at 8, then its values, then the GPS IFD.
        const int ifd0 = 8;
        const int ifd0Entries = 5;
        var valuesStart = ifd0 + 2 + ifd0Entries * 12 + 4;
        var makeAt = valuesStart;
        var modelAt = makeAt + make.Length;
        var dateAt = modelAt + model.Length;
        var gpsAt = dateAt + date.Length + (dateAt + date.Length) % 2;
        const int gpsEntries = 4;
        var gpsValues = gpsAt + 2 + gpsEntries * 12 + 4;

        tiff.AddRange("MM"u8.ToArray());
        U16(42);
        U32(ifd0);
        U16(ifd0Entries);
        U16(0x010F); U16(2); U32(make.Length); U32(makeAt);     // Make
        U16(0x0110); U16(2); U32(model.Length); U32(modelAt);   // Model
        U16(0x0112); U16(3); U32(1); U16(1); U16(0);            // Orientation: upright
        U16(0x0132); U16(2); U32(date.Length); U32(dateAt);     // DateTime
        U16(0x8825); U16(4); U32(1); U32(gpsAt);                // GPS IFD
        U32(0);
        tiff.AddRange(make);
        tiff.AddRange(model);
        tiff.AddRange(date);
        while (tiff.Count < gpsAt)
        {
            tiff.Add(0);
        }

        U16(gpsEntries);
        U16(0x0001); U16(2); U32(2); tiff.AddRange("N\0\0\0"u8.ToArray());   // GPSLatitudeRef
        U16(0x0002); U16(5); U32(3); U32(gpsValues);                        // GPSLatitude
        U16(0x0003); U16(2); U32(2); tiff.AddRange("E\0\0\0"u8.ToArray());   // GPSLongitudeRef
        U16(0x0004); U16(5); U32(3); U32(gpsValues + 24);                   // GPSLongitude
        U32(0);
        foreach (var (numerator, denominator) in new[] { (59, 1), (19, 1), (4548, 100), (18, 1), (4, 1), (1, 1) })
        {
            U32(numerator);
            U32(denominator);
        }

        byte[] body = [.. "Exif\0\0"u8, .. tiff];
        byte[] segment = [0xFF, 0xE1, (byte)((body.Length + 2) >> 8), (byte)((body.Length + 2) & 0xFF), .. body];
        return segment;
    }

    /// <summary>A PNG whose header claims 50,000 × 50,000 pixels, with the start of its (all-zero) image data: a few KB that would take 10 GB decoded.</summary>
    public static byte[] Bomb()
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, 50_000);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 50_000);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(output, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var row = new byte[1 + 50_000 * 3];
                for (var i = 0; i < 20; i++)
                {
                    zlib.Write(row);
                }
            }

            Chunk(output, "IDAT", compressed.ToArray());
        }

        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>PNG's CRC-32 (ISO 3309), bit by bit: a few KB, so no table.</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        output.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        output.Write(crc);
    }
}
