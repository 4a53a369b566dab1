using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Retention;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Encryption;
using Reporting.Tests.Support;
using SkiaSharp;

namespace Reporting.Tests.Features.Photos;

/// <summary>
/// What the coordinator does with a report's photos, on SQLite and PostgreSQL: sees them (not cached,
/// each view audited, another report's photo not found), makes a redacted copy with black pixels where
/// the boxes are and the original untouched, reads "Foton: 1" in the internal quarterly list (no image
/// in any document), and the photos survive a key rotation and go with the report at retention.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSQL")]
[NonParallelizable]
public sealed class PhotoHandlingTests(string provider)
{
    private TempFolder _folder = null!;
    private ReportingHost _host = null!;
    private HttpClient _signedIn = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _folder = new TempFolder();
        _host = new ReportingHost(_folder.Path, new Dictionary<string, string?>(await ReportingHost.SettingsForAsync(provider))
        {
            ["Retention:DeleteClosedReportsAfterMonths"] = "1",
        });
        _signedIn = await CoordinatorAccess.SignInAsync(_host, await CoordinatorAccess.EnrolAsync(_host, "foton@kommun.example"));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _signedIn?.Dispose();
        _host?.Dispose();
        _folder?.Dispose();
    }

    /// <summary>Submits a report with one photo (left half red, right half blue) and returns its id and its photo's.</summary>
    private async Task<(Guid Report, JsonElement Photo)> SubmitWithPhotoAsync(int width = 400, int height = 300)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(SampleReports.Valid()), Encoding.UTF8, "application/json"), "report" },
        };
        var part = new ByteArrayContent(TestImages.Jpeg(width, height));
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(part, "photos", "foto.jpg");
        using var client = _host.CreateClient();
        using var response = await client.PostAsync("/api/reports", form);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var id = (await _signedIn.GetFromJsonAsync<JsonElement>("/api/reports?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var report = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
        return (id, report.GetProperty("photos")[0]);
    }

    private async Task<HttpResponseMessage> RedactAsync(Guid report, Guid photo, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/{report}/photos/{photo}/redacted") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(_signedIn);
        request.Headers.Add(header, token);
        return await _signedIn.SendAsync(request);
    }

    private async Task<SKBitmap> PhotoAsync(Guid report, Guid photo)
    {
        using var response = await _signedIn.GetAsync($"/api/reports/{report}/photos/{photo}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
    }

    private static bool IsBlack(SKColor color) => color.Red < 24 && color.Green < 24 && color.Blue < 24;

    [Test]
    public async Task TheCoordinatorSeesThePhotoNotCachedAndTheViewIsAudited()
    {
        var (id, photo) = await SubmitWithPhotoAsync();
        var photoId = photo.GetProperty("id").GetGuid();
        Assert.That((photo.GetProperty("width").GetInt32(), photo.GetProperty("height").GetInt32()), Is.EqualTo((400, 300)));

        using (var response = await _signedIn.GetAsync($"/api/reports/{id}/photos/{photoId}"))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/jpeg"));
            Assert.That(response.Headers.CacheControl!.NoStore, Is.True);
            using var image = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
            Assert.That(image.GetPixel(50, 150).Red, Is.GreaterThan(200), "the picture itself");
        }

        var (other, _) = await SubmitWithPhotoAsync();
        using (var wrongReport = await _signedIn.GetAsync($"/api/reports/{other}/photos/{photoId}"))
        {
            Assert.That(wrongReport.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a photo is found only under its own report");
        }

        using (var anonymous = _host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
        using (var stranger = await anonymous.GetAsync($"/api/reports/{id}/photos/{photoId}"))
        {
            Assert.That(stranger.StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Redirect, HttpStatusCode.Found));
        }

        var history = (await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{id}")).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()).ToList();
        Assert.That(history, Does.Contain("photo-viewed"));
    }

    [Test]
    public async Task ARedactedCopyHasBlackPixelsInTheBoxAndTheOriginalIsKept()
    {
        var (id, photo) = await SubmitWithPhotoAsync();
        var photoId = photo.GetProperty("id").GetGuid();

        using var response = await RedactAsync(id, photoId, """{"boxes": [{"x": 20, "y": 40, "width": 100, "height": 80}]}""");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var copyId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var copy = await PhotoAsync(id, copyId);
        using var original = await PhotoAsync(id, photoId);
        Assert.That(IsBlack(copy.GetPixel(70, 80)), Is.True, "black inside the box");
        Assert.That(IsBlack(copy.GetPixel(22, 42)) && IsBlack(copy.GetPixel(117, 117)), Is.True, "to the box's corners");
        Assert.That(copy.GetPixel(70, 200).Red, Is.GreaterThan(200), "the picture outside the box");
        Assert.That(copy.GetPixel(300, 80).Blue, Is.GreaterThan(200));
        Assert.That(IsBlack(original.GetPixel(70, 80)), Is.False, "the original is not changed");

        var photos = (await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{id}")).GetProperty("photos").EnumerateArray().ToList();
        Assert.That(photos, Has.Count.EqualTo(2));
        Assert.That(photos[1].GetProperty("redactedFrom").GetGuid(), Is.EqualTo(photoId));
    }

    [TestCase("""{"boxes": []}""", "boxes")]
    [TestCase("""{"boxes": [{"x": -1, "y": 0, "width": 10, "height": 10}]}""", "boxes[0].x")]
    [TestCase("""{"boxes": [{"x": 0, "y": 0, "width": 0, "height": 10}]}""", "boxes[0].width")]
    [TestCase("""{"boxes": [{"x": 350, "y": 0, "width": 100, "height": 10}]}""", "boxes[0]")]
    [TestCase("""{"boxes": [{"x": 0, "y": 0, "width": 10}]}""", "boxes[0].height")]
    [TestCase("""{"boxes": "alla"}""", "boxes")]
    public async Task BadBoxesAreRefusedNamingTheBoxAndNothingIsStored(string json, string field)
    {
        var (id, photo) = await SubmitWithPhotoAsync();
        using var response = await RedactAsync(id, photo.GetProperty("id").GetGuid(), json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.TryGetProperty(field, out _), Is.True, errors.GetRawText());
        Assert.That((await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{id}")).GetProperty("photos").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task TheInternalQuarterlyListCountsPhotosAndNoDocumentHoldsAnImage()
    {
        await SubmitWithPhotoAsync();
        var quarter = Quarter.Of(DateOnly.FromDateTime(DateTime.UtcNow)).ToString();
        foreach (var variant in new[] { "internal", "shareable" })
        {
            var pdf = await _signedIn.GetByteArrayAsync($"/api/summaries/{quarter}.pdf?variant={variant}");
            using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
            Assert.That(document.GetPages().SelectMany(p => p.GetImages()), Is.Empty, $"no image in the {variant} PDF");
            using var reading = new PdfReading(pdf);
            if (variant == "internal")
            {
                Assert.That(reading.AllText, Does.Contain("Foton: 1"));
            }
            else
            {
                Assert.That(reading.AllText, Does.Not.Contain("Foton"));
            }
        }
    }

    [Test]
    public async Task PhotosOpenAfterAKeyRotationAndGoWithTheirReportAtRetention()
    {
        var (id, photo) = await SubmitWithPhotoAsync();
        var photoId = photo.GetProperty("id").GetGuid();
        using (var redacted = await RedactAsync(id, photoId, """{"boxes": [{"x": 0, "y": 0, "width": 10, "height": 10}]}"""))
        {
            Assert.That(redacted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var rotation = _host.Services.GetRequiredService<KeyRotation>();
        var outcome = await rotation.RotateAsync(100, null, CancellationToken.None);
        await rotation.RetireAsync("1", CancellationToken.None);
        Assert.That(outcome.Rewrapped["report keys"], Is.GreaterThan(0));
        using (var afterRotation = await PhotoAsync(id, photoId))
        {
            Assert.That(afterRotation.GetPixel(50, 150).Red, Is.GreaterThan(200), "the photo opens under the new key, the old one retired");
        }

        await using (var connection = _host.OpenRawConnection())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = _host.IsPostgreSql
                ? $"UPDATE \"Reports\" SET \"Status\" = 'closed', \"ClosedOn\" = DATE '2001-01-01' WHERE \"Id\" = '{id}'"
                : $"UPDATE Reports SET Status = 'closed', ClosedOn = '2001-01-01' WHERE Id = '{id.ToString().ToUpperInvariant()}'";
            await command.ExecuteNonQueryAsync();
        }

        var before = await PhotoCountAsync(id);
        Assert.That(before, Is.EqualTo(2));
        Assert.That(await _host.Services.GetRequiredService<RetentionJob>().RunOnceAsync(CancellationToken.None), Is.GreaterThanOrEqualTo(1));
        Assert.That(await PhotoCountAsync(id), Is.Zero, "the photo and its redacted copy are deleted with the report");
    }

    private async Task<int> PhotoCountAsync(Guid report)
    {
        var sql = _host.IsPostgreSql
            ? $"SELECT CAST(COUNT(*) AS TEXT) FROM \"ReportPhotos\" WHERE \"ReportId\" = '{report}'"
            : $"SELECT CAST(COUNT(*) AS TEXT) FROM ReportPhotos WHERE ReportId = '{report.ToString().ToUpperInvariant()}'";
        return int.Parse((await _host.ReadColumnAsync(sql)).Single(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
