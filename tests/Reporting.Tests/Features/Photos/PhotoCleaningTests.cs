using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Photos;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence;
using Reporting.Tests.Support;
using SkiaSharp;

namespace Reporting.Tests.Features.Photos;

/// <summary>
/// Photos cleaned on arrival: what a phone and an editor leave in a picture is gone from what is kept
/// (exiftool, an independent reader, finds none of it), the picture is turned upright, and anything
/// that is not a whole JPEG, PNG or WebP within the limits is refused naming the photo, with nothing stored.
/// </summary>
[TestFixture]
public sealed class PhotoCleaningTests
{
    private TempFolder _folder = null!;
    private TempFolder _work = null!;
    private ReportingHost _host = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _folder = new TempFolder();
        _work = new TempFolder();
        _host = new ReportingHost(_folder.Path);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _host.Dispose();
        _folder.Dispose();
        _work.Dispose();
    }

    private static MultipartFormDataContent Multipart(IEnumerable<(byte[] Bytes, string FileName, string ContentType)> photos, object? report = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(report ?? SampleReports.Valid()), Encoding.UTF8, "application/json"), "report" },
        };
        foreach (var (bytes, fileName, contentType) in photos)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(part, "photos", fileName);
        }

        return form;
    }

    private async Task<HttpResponseMessage> SubmitAsync(params (byte[] Bytes, string FileName, string ContentType)[] photos)
    {
        using var client = _host.CreateClient();
        return await client.PostAsync("/api/reports", Multipart(photos));
    }

    private async Task<int> CountAsync(string table) =>
        int.Parse((await _host.ReadColumnAsync($"SELECT CAST(COUNT(*) AS TEXT) FROM {table}")).Single(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The stored photos of the report with this receipt, opened with the key as a coordinator's page would.</summary>
    private async Task<List<(ReportPhoto Photo, byte[] Jpeg)>> StoredPhotosAsync(string receipt)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var hash = scope.ServiceProvider.GetRequiredService<ReceiptCode>().Hash(ReceiptCode.Normalise(receipt)!);
        var report = await db.Reports.SingleAsync(r => r.ReceiptHash == hash);
        var sealer = scope.ServiceProvider.GetRequiredService<ReportSealer>();
        return [.. (await db.Photos.Where(p => p.ReportId == report.Id).OrderBy(p => p.Number).ToListAsync()).Select(p => (p, sealer.OpenPhoto(report, p)))];
    }

    [Test]
    public async Task WhatAPhoneAndAnEditorLeaveInAPhotoIsGone_AndTheReporterIsToldWhat()
    {
        var thumbnail = Path.Combine(_work.Path, "thumbnail.jpg");
        await File.WriteAllBytesAsync(thumbnail, TestImages.Jpeg(160, 120));
        var phone = await TestImages.WithMetadataAsync(TestImages.Jpeg(4000, 3000), "jpg", _work.Path, [.. TestImages.PhoneTags, $"-ThumbnailImage<={thumbnail}"]);
        var polyglot = phone.Concat(Encoding.ASCII.GetBytes("PK\u0003\u0004 hemlig bilaga efter bilden")).ToArray();
        var before = await TestImages.ExifToolReadAsync(polyglot, _work.Path);
        Assert.That(before, Does.Contain("GPSLatitude").And.Contain("Markörkamera").And.Contain("ThumbnailImage").And.Contain("MarkörXmp"), "the upload carries it all");

        using var response = await SubmitAsync((polyglot, "IMG_0001.jpg", "image/jpeg"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        var receipt = JsonDocument.Parse(body).RootElement;
        var removed = receipt.GetProperty("photos")[0].GetProperty("removed").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.That(removed, Is.SupersetOf(new[] { "gps", "camera", "date", "software", "comment", "xmp", "iptc", "thumbnail", "trailing-data" }));

        var stored = await StoredPhotosAsync(receipt.GetProperty("receipt").GetString()!);
        Assert.That(stored, Has.Count.EqualTo(1));
        var (photo, jpeg) = stored[0];
        var after = await TestImages.ExifToolReadAsync(jpeg, _work.Path);
        Assert.Multiple(() =>
        {
            foreach (var tag in new[] { "GPS", "Make", "Model", "DateTimeOriginal", "CreateDate", "Software", "Comment", "XMP", "IPTC", "ThumbnailImage", "ICC_Profile", "Artist", "Orientation" })
            {
                Assert.That(after, Does.Not.Contain($"\"{tag}").And.Not.Contain($":{tag}"), $"exiftool still finds {tag}");
            }

            foreach (var marker in TestImages.Markers)
            {
                Assert.That(Encoding.UTF8.GetString(jpeg), Does.Not.Contain(marker), "no trace of the metadata in the kept bytes");
            }

            Assert.That(jpeg[^2..], Is.EqualTo(new byte[] { 0xFF, 0xD9 }), "nothing after the image's end");
            Assert.That(Math.Max(photo.Width, photo.Height), Is.EqualTo(2048).Or.LessThan(2048).And.GreaterThan(1500), "scaled to at most 2048 pixels on the long side");
        });

        Assert.That(await _host.StoredDataAsync(), Does.Not.Contain("Markör").And.Not.Contain("hemlig bilaga"), "nothing readable in the database files");
        using var decoded = SKBitmap.Decode(jpeg);
        Assert.That((decoded.Width, decoded.Height), Is.EqualTo((photo.Width, photo.Height)));
    }

    [Test]
    public async Task APhotoTakenWithThePhoneTurnedIsStoredUpright()
    {
        // 300 × 200, red on the left; orientation 6 says "turn 90° clockwise to show": red ends up on top.
        var turned = await TestImages.WithMetadataAsync(TestImages.Jpeg(300, 200), "jpg", _work.Path, "-Orientation#=6");
        using var response = await SubmitAsync((turned, "turned.jpg", "image/jpeg"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var receipt = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
        var (photo, jpeg) = (await StoredPhotosAsync(receipt)).Single();
        using var bitmap = SKBitmap.Decode(jpeg);

        Assert.That((photo.Width, photo.Height), Is.EqualTo((200, 300)), "the width and height swap");
        var top = bitmap.GetPixel(100, 40);
        var bottom = bitmap.GetPixel(100, 260);
        Assert.That(top.Red, Is.GreaterThan(200), "red on top");
        Assert.That(bottom.Blue, Is.GreaterThan(200), "blue below");
        Assert.That(top.Blue, Is.LessThan(60));
    }

    private static IEnumerable<TestCaseData> Refused()
    {
        var jpeg = TestImages.Jpeg(800, 600);
        yield return new TestCaseData(jpeg[..(jpeg.Length / 2)], "half.jpg", "image/jpeg").SetName("RefusedNamingThePhoto(truncated JPEG)");
        yield return new TestCaseData(PngBomb(), "bomb.png", "image/png").SetName("RefusedNamingThePhoto(a 50,000 × 50,000 PNG bomb)");
        yield return new TestCaseData(Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"), "pixel.gif", "image/gif").SetName("RefusedNamingThePhoto(GIF)");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "bild.svg", "image/svg+xml").SetName("RefusedNamingThePhoto(SVG with script)");
        yield return new TestCaseData(Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj <<>> endobj\n"), "foto.jpg", "image/jpeg").SetName("RefusedNamingThePhoto(a PDF renamed .jpg)");
        yield return new TestCaseData(Heic(), "IMG_0002.heic", "image/heic").SetName("RefusedNamingThePhoto(HEIC)");
    }

    /// <summary>A PNG that says it is 50,000 × 50,000 pixels (10 GB decoded) in a few dozen bytes.</summary>
    private static byte[] PngBomb()
    {
        var png = TestImages.Png(1, 1);
        // IHDR's width and height start at byte 16; its CRC is not checked before the size is read.
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), 50_000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), 50_000);
        return png;
    }

    private static byte[] Heic() => [0, 0, 0, 24, .. "ftypheic"u8.ToArray(), 0, 0, 0, 0, .. "mif1heic"u8.ToArray(), 0, 0, 0, 8];

    [TestCaseSource(nameof(Refused))]
    public async Task RefusedNamingThePhoto(byte[] bytes, string fileName, string contentType)
    {
        var reports = await CountAsync("Reports");
        var photos = await CountAsync("ReportPhotos");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await SubmitAsync((TestImages.Jpeg(64, 48), "first.jpg", "image/jpeg"), (bytes, fileName, contentType));
        watch.Stop();

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem.GetRawText());
        Assert.That(problem.GetProperty("errors").TryGetProperty("photos[1]", out var messages), Is.True, "the second photo is named");
        Assert.That(messages[0].GetString(), Does.StartWith("Bild 2"), "in Swedish, naming the photo");
        Assert.That(await CountAsync("Reports"), Is.EqualTo(reports), "nothing stored");
        Assert.That(await CountAsync("ReportPhotos"), Is.EqualTo(photos));
        if (fileName == "bomb.png")
        {
            Assert.That(messages[0].GetString(), Does.Contain("för stor").And.Contain("50000 × 50000"), "refused for its size, read from the header");
        }

        if (fileName == "IMG_0002.heic")
        {
            Assert.That(messages[0].GetString(), Does.Contain("JPEG").And.Contain("Mest kompatibel"), "says how to send a phone's photo as JPEG");
        }
    }

    [Test]
    public async Task TheHeaderSaysTheSizeTheDecoderFinds()
    {
        var withExif = await TestImages.WithMetadataAsync(TestImages.Jpeg(301, 203), "jpg", _work.Path, TestImages.PhoneTags);
        foreach (var (image, kind) in new[] { (withExif, ImageKind.Jpeg), (TestImages.Png(301, 203), ImageKind.Png), (TestImages.Webp(301, 203), ImageKind.WebP) })
        {
            using var codec = SKCodec.Create(new MemoryStream(image));
            Assert.That(ImageHeader.Kind(image), Is.EqualTo(kind));
            Assert.That(ImageHeader.Size(image, kind), Is.EqualTo(((long)codec.Info.Width, (long)codec.Info.Height)), kind.ToString());
        }
    }

    [Test]
    public async Task ARenamedFileIsRefusedAndANameThatClaimsNothingIsJudgedByItsContent()
    {
        var reports = await CountAsync("Reports");
        using (var renamed = await SubmitAsync((TestImages.Jpeg(64, 48), "a.jpg", "image/jpeg"), (TestImages.Jpeg(400, 300), "namnet-ljuger.png", "image/png")))
        {
            var problem = await renamed.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the content is a JPEG, the file says PNG");
            Assert.That(problem.GetProperty("errors").GetProperty("photos[1]")[0].GetString(), Does.StartWith("Bild 2").And.Contain("PNG"));
        }

        using (var typeOnly = await SubmitAsync((TestImages.Png(40, 30), "bild", "image/jpeg")))
        {
            Assert.That(typeOnly.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a PNG sent as image/jpeg");
        }

        Assert.That(await CountAsync("Reports"), Is.EqualTo(reports), "nothing stored");
        using var unnamed = await SubmitAsync((TestImages.Jpeg(400, 300), "image", "application/octet-stream"));
        Assert.That(unnamed.StatusCode, Is.EqualTo(HttpStatusCode.Created), "a name and a type that claim nothing: the content decides");
    }

    [Test]
    public async Task PngAndWebpAreKeptAsCleanedJpegs()
    {
        var png = await TestImages.WithMetadataAsync(TestImages.Png(500, 400), "png", _work.Path, "-PNG:Comment=MarkörPng", "-XMP-dc:Description=MarkörXmp");
        using var response = await SubmitAsync((png, "skärmbild.png", "image/png"), (TestImages.Webp(300, 300), "bild.webp", "image/webp"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        var receipt = JsonDocument.Parse(body).RootElement;
        var stored = await StoredPhotosAsync(receipt.GetProperty("receipt").GetString()!);
        Assert.That(stored.Select(s => s.Jpeg[..3]), Has.All.EqualTo(new byte[] { 0xFF, 0xD8, 0xFF }), "kept as JPEG");
        Assert.That(Encoding.UTF8.GetString(stored[0].Jpeg), Does.Not.Contain("MarkörPng").And.Not.Contain("MarkörXmp"));
        Assert.That(receipt.GetProperty("photos")[0].GetProperty("removed").EnumerateArray().Select(r => r.GetString()), Does.Contain("xmp"));
    }

    [Test]
    public async Task TooManyPhotosAnEmptyOneOrOneOverTheSizeIsRefused()
    {
        var small = (TestImages.Jpeg(64, 48), "a.jpg", "image/jpeg");
        using (var four = await SubmitAsync(small, small, small, small))
        {
            Assert.That(four.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await four.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("photos", out _), Is.True);
        }

        using (var empty = await SubmitAsync(small, (Array.Empty<byte>(), "tom.jpg", "image/jpeg")))
        {
            Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("photos[1]", out _), Is.True);
        }

        using var folder = new TempFolder();
        using var limited = new ReportingHost(folder.Path, new Dictionary<string, string?> { ["Attachments:MaxBytes"] = "20000" });
        using var client = limited.CreateClient();
        using var large = await client.PostAsync("/api/reports", Multipart([(TestImages.NoiseJpeg(400, 300), "stor.jpg", "image/jpeg")]));
        Assert.That(large.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await large.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("photos[0]", out _), Is.True);
    }

    [FsCheck.NUnit.Property(MaxTest = 60)]
    public Property RandomBytesAreNeverAServerError() =>
        Prop.ForAll(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Select(bytes => bytes.Length == 0 ? new byte[] { 1 } : bytes).ToArbitrary(), bytes =>
        {
            using var response = SubmitAsync((bytes, "slump.jpg", "image/jpeg")).GetAwaiter().GetResult();
            return ((int)response.StatusCode < 500).Label($"{bytes.Length} bytes gave {(int)response.StatusCode}");
        });

    [Test]
    public void TheCleanerRefusesRandomBytesAndDamagedHeadersWithoutThrowingAnythingElse()
    {
        var cleaner = new PhotoCleaner();
        var random = new Random(20261206);
        var jpeg = TestImages.Jpeg(300, 200);
        for (var i = 0; i < 300; i++)
        {
            var damaged = jpeg.ToArray();
            for (var j = 0; j < 1 + random.Next(20); j++)
            {
                damaged[random.Next(2, damaged.Length)] = (byte)random.Next(256);
            }

            try
            {
                cleaner.CleanAsync(damaged, 0, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (Reporting.Pipeline.RequestValidationException)
            {
                // Refused, naming the photo: what it must do when it cannot read it.
            }
        }
    }
}
