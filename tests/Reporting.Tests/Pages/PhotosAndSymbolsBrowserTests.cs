using Microsoft.Playwright;
using Reporting.Tests.Features.Photos;
using Reporting.Tests.Support;
using SkiaSharp;

namespace Reporting.Tests.Pages;

/// <summary>
/// Photos in Chromium: a staff member adds a photo to the form with and without script (a preview and
/// a remove button with script), the receipt says what the photo carried that is gone, and the
/// coordinator sees it on the report page and draws a box for a redacted copy whose pixels are black
/// there while the original's are not. "Vilka symboler?" shows when stickers and the like are ticked,
/// suggests the symbols' environment without choosing it, and works without script.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PhotosAndSymbolsBrowserTests
{
    private BrowserSession _session = null!;
    private IPage _coordinator = null!;
    private TempFolder _work = null!;
    private string _photo = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _work = new TempFolder();
        _session = await BrowserSession.StartAsync();
        _coordinator = await BrowserCoordinator.SignInAsync(_session, "foto-i-webblasaren@kommun.example");
        _photo = Path.Combine(_work.Path, "klistermarke.jpg");
        await File.WriteAllBytesAsync(_photo, await TestImages.WithMetadataAsync(TestImages.Jpeg(400, 300), "jpg", _work.Path, TestImages.PhoneTags));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        _work?.Dispose();
    }

    private async Task<IPage> StaffAsync(bool script)
    {
        var context = await _session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _session.BaseUrl, JavaScriptEnabled = script, Locale = "sv-SE" });
        return await context.NewPageAsync();
    }

    private async Task<string> NewestReportIdAsync()
    {
        var list = (await (await _coordinator.Context.APIRequest.GetAsync("/api/reports?pageSize=1")).JsonAsync())!.Value;
        return list.GetProperty("items")[0].GetProperty("id").GetString()!;
    }

    private async Task<SKBitmap> PhotoAsync(string reportId, string photoId)
    {
        var response = await _coordinator.Context.APIRequest.GetAsync($"/api/reports/{reportId}/photos/{photoId}");
        Assert.That(response.Status, Is.EqualTo(200));
        return SKBitmap.Decode(await response.BodyAsync());
    }

    private static bool IsBlack(SKColor color) => color.Red < 24 && color.Green < 24 && color.Blue < 24;

    [TestCase(true)]
    [TestCase(false)]
    public async Task AStaffMemberSendsAPhotoAndIsToldWhatWasRemoved(bool script)
    {
        var page = await StaffAsync(script);
        await page.GotoAsync("/");
        await Browser.FillStaffFormAsync(page, "Klistermärken med en runa vid idrottshallens entré, se bilden.");
        await page.SetInputFilesAsync("#photos", _photo);
        if (script)
        {
            await Assertions.Expect(page.Locator("#photos-preview img")).ToHaveCountAsync(1);
            await page.ClickAsync("#photos-preview button");
            await Assertions.Expect(page.Locator("#photos-preview img")).ToHaveCountAsync(0);
            Assert.That(await page.EvalOnSelectorAsync<int>("#photos", "input => input.files.length"), Is.Zero, "the remove button takes the photo out");
            await page.SetInputFilesAsync("#photos", _photo);
        }

        await page.ClickAsync("#report-form button[type=submit]");
        await Assertions.Expect(page.Locator("#receipt-code")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#receipt-photos")).ToContainTextAsync("GPS-position");
        await Assertions.Expect(page.Locator("#receipt-photos")).ToContainTextAsync("kameramodell");
        await Assertions.Expect(page.Locator("#receipt-photos")).ToContainTextAsync("de är borttagna");

        var id = await NewestReportIdAsync();
        var report = (await (await _coordinator.Context.APIRequest.GetAsync($"/api/reports/{id}")).JsonAsync())!.Value;
        Assert.That(report.GetProperty("photos").GetArrayLength(), Is.EqualTo(1), "the coordinator's report has the photo");
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task TheCoordinatorSeesThePhotoAndDrawsABoxForARedactedCopy()
    {
        var staff = await StaffAsync(script: true);
        await staff.GotoAsync("/");
        await Browser.FillStaffFormAsync(staff, "Klotter på gaveln, se bilden.");
        await staff.SetInputFilesAsync("#photos", _photo);
        await staff.ClickAsync("#report-form button[type=submit]");
        await Assertions.Expect(staff.Locator("#receipt-code")).ToBeVisibleAsync();
        await staff.Context.CloseAsync();

        var id = await NewestReportIdAsync();
        await _coordinator.GotoAsync($"/samordnare/rapporter/{id}");
        var image = _coordinator.Locator(".photo img").First;
        await Assertions.Expect(image).ToBeVisibleAsync();
        Assert.That(await image.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0"), Is.EqualTo(400), "the photo is shown");

        await _coordinator.ClickAsync(".redact summary");
        var box = (await image.BoundingBoxAsync())!;
        await _coordinator.Mouse.MoveAsync(box.X + box.Width * 0.1f, box.Y + box.Height * 0.1f);
        await _coordinator.Mouse.DownAsync();
        await _coordinator.Mouse.MoveAsync(box.X + box.Width * 0.3f, box.Y + box.Height * 0.3f, new MouseMoveOptions { Steps = 5 });
        await _coordinator.Mouse.MoveAsync(box.X + box.Width * 0.5f, box.Y + box.Height * 0.5f, new MouseMoveOptions { Steps = 5 });
        await _coordinator.Mouse.UpAsync();
        await Assertions.Expect(_coordinator.Locator(".redact__drawn")).ToHaveTextAsync("1 ruta markerad.");
        await _coordinator.ClickAsync("text=Skapa maskerad kopia");
        await Assertions.Expect(_coordinator.Locator(".confirmation")).ToContainTextAsync("maskerade kopian är sparad");
        await Assertions.Expect(_coordinator.Locator(".photo img")).ToHaveCountAsync(2);

        var photos = (await (await _coordinator.Context.APIRequest.GetAsync($"/api/reports/{id}")).JsonAsync())!.Value.GetProperty("photos");
        var original = photos[0].GetProperty("id").GetString()!;
        var copy = photos[1].GetProperty("id").GetString()!;
        using var redacted = await PhotoAsync(id, copy);
        using var kept = await PhotoAsync(id, original);
        // The box ran from 10 % to 50 % of the picture: 40–200 across, 30–150 down.
        Assert.That(IsBlack(redacted.GetPixel(120, 90)), Is.True, "black in the box");
        Assert.That(IsBlack(redacted.GetPixel(50, 40)) && IsBlack(redacted.GetPixel(190, 140)), Is.True, "to its corners");
        Assert.That(IsBlack(redacted.GetPixel(120, 250)), Is.False, "the picture below the box");
        Assert.That(IsBlack(kept.GetPixel(120, 90)), Is.False, "the original is not blacked out");
    }

    [Test]
    public async Task WithoutScriptTheBoxIsTypedAsNumbers()
    {
        var staff = await StaffAsync(script: false);
        await staff.GotoAsync("/");
        await Browser.FillStaffFormAsync(staff, "Flygblad i trapphuset, se bilden.");
        await staff.SetInputFilesAsync("#photos", _photo);
        await staff.ClickAsync("#report-form button[type=submit]");
        await Assertions.Expect(staff.Locator("#receipt-code")).ToBeVisibleAsync();
        await staff.Context.CloseAsync();

        var id = await NewestReportIdAsync();
        var context = await _session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _session.BaseUrl, JavaScriptEnabled = false, StorageState = await _coordinator.Context.StorageStateAsync() });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/samordnare/rapporter/{id}");
        await page.ClickAsync(".redact summary");
        await page.FillAsync("input[name=boxX]", "10");
        await page.FillAsync("input[name=boxY]", "20");
        await page.FillAsync("input[name=boxWidth]", "5000");
        await page.FillAsync("input[name=boxHeight]", "50");
        await page.ClickAsync("text=Skapa maskerad kopia");
        await Assertions.Expect(page.Locator(".redact .error-message")).ToContainTextAsync("utanför bilden");
        await page.FillAsync("input[name=boxWidth]", "100");
        await page.ClickAsync("text=Skapa maskerad kopia");
        await Assertions.Expect(page.Locator(".confirmation")).ToContainTextAsync("maskerade kopian är sparad");

        var photos = (await (await _coordinator.Context.APIRequest.GetAsync($"/api/reports/{id}")).JsonAsync())!.Value.GetProperty("photos");
        using var redacted = await PhotoAsync(id, photos[1].GetProperty("id").GetString()!);
        Assert.That(IsBlack(redacted.GetPixel(60, 45)), Is.True);
        Assert.That(IsBlack(redacted.GetPixel(60, 200)), Is.False);
        await context.CloseAsync();
    }

    [Test]
    public async Task TheSymbolQuestionShowsForStickersAndSuggestsWithoutChoosing()
    {
        var page = await StaffAsync(script: true);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#symbols-field")).ToBeHiddenAsync();
        await page.CheckAsync("#kind-incident");
        await page.FillAsync("#occurredOn", "2026-11-20");
        await page.SelectOptionAsync("#unit", "grundskola");
        await page.CheckAsync("#environment-unknown");
        await page.CheckAsync("#observations-stickers");
        await Assertions.Expect(page.Locator("#symbols-field")).ToBeVisibleAsync();

        await page.CheckAsync("#symbols-tyr-rune");
        await Assertions.Expect(page.Locator("#symbols-suggestion")).ToContainTextAsync("vit makt-miljön");
        Assert.That(await page.IsCheckedAsync("#environment-unknown"), Is.True, "the reporter's choice of environment stays");
        await page.ClickAsync("#symbols-suggestion button");
        Assert.That(await page.IsCheckedAsync("#environment-white-power"), Is.True, "chosen only when the reporter asks");
        await Assertions.Expect(page.Locator("#symbols-suggestion")).ToBeHiddenAsync();

        await page.FillAsync("#description", "Klistermärken med en runa på busshållplatsen.");
        await page.ClickAsync("#report-form button[type=submit]");
        await Assertions.Expect(page.Locator("#receipt-code")).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        await _coordinator.GotoAsync($"/samordnare/rapporter/{await NewestReportIdAsync()}");
        await Assertions.Expect(_coordinator.Locator(".details")).ToContainTextAsync("Tyrrunan");
    }

    [Test]
    public async Task WithoutScriptTheSymbolQuestionIsAlwaysThere()
    {
        var page = await StaffAsync(script: false);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#symbols-field")).ToBeVisibleAsync();
        await Browser.FillStaffFormAsync(page, "Flygblad med en svart flagga i trapphuset.");
        await page.CheckAsync("#symbols-black-standard");
        await page.ClickAsync("#report-form button[type=submit]");
        await Assertions.Expect(page.Locator("#receipt-code")).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        var report = (await (await _coordinator.Context.APIRequest.GetAsync($"/api/reports/{await NewestReportIdAsync()}")).JsonAsync())!.Value;
        Assert.That(report.GetProperty("report").GetProperty("symbols")[0].GetString(), Is.EqualTo("black-standard"));
    }
}
