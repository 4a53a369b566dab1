using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.StaffForm;

/// <summary>The staff form in real Chromium against the service running as a process (Kestrel).</summary>
[TestFixture]
[NonParallelizable]
public sealed partial class StaffFormBrowserTests
{
    private BrowserSession _session = null!;

    [GeneratedRegex(@"^\d{4} \d{4} \d{4} \d{4}$")]
    private static partial Regex ReceiptShape();

    [OneTimeSetUp]
    public async Task Start() =>
        _session = await BrowserSession.StartAsync(new Dictionary<string, string>
        {
            ["Organisation__Contact"] = "Frågor? Mejla samordnaren: samordnare@kommun.example",
        });

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    private async Task<IPage> OpenAsync(bool script = true, string path = "/", int width = 390, bool forAxe = false)
    {
        var context = await _session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _session.BaseUrl,
            JavaScriptEnabled = script,
            Locale = "sv-SE",
            ViewportSize = new ViewportSize { Width = width, Height = 844 },
            // Only to inject axe-core; every other test runs the page under its real Content-Security-Policy.
            BypassCSP = forAxe,
        });
        var page = await context.NewPageAsync();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(_session.BaseUrl, StringComparison.Ordinal))
            {
                Assert.Fail($"third-party request: {request.Url}");
            }
        };
        await page.GotoAsync(path);
        return page;
    }


    private static async Task<string> ReceiptAsync(IPage page)
    {
        var code = page.Locator("#receipt-code");
        await Assertions.Expect(code).ToBeVisibleAsync();
        return (await code.TextContentAsync())!.Trim();
    }

    [TestCase(true, TestName = "SubmitsAndShowsTheReceipt(script on)")]
    [TestCase(false, TestName = "SubmitsAndShowsTheReceipt(script off)")]
    public async Task SubmitsAndShowsTheReceipt(bool script)
    {
        var page = await OpenAsync(script);
        await Browser.FillStaffFormAsync(page, "Klistermärken med solkors vid entrén, borttagna.");

        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]:not([name])"), r => r.Request.Method == "POST");

        Assert.That(await ReceiptAsync(page), Does.Match(ReceiptShape()));
        Assert.That(response.Headers["cache-control"], Does.Contain("no-store"), "the receipt page is never cached");
        Assert.That(page.Url, Is.EqualTo(_session.BaseUrl + "/"), "the receipt has no URL of its own");
        Assert.That((await page.Context.CookiesAsync()).Select(c => c.Name), Is.SubsetOf(new[] { "rapportering.af" }), "no cookie but anti-forgery");
        await Browser.ScreenshotAsync(page, $"receipt-{(script ? "script" : "noscript")}");
    }

    [TestCase(true, TestName = "BackAfterTheReceiptShowsNothingThatWasSentAndCannotSendItAgain(script on)")]
    [TestCase(false, TestName = "BackAfterTheReceiptShowsNothingThatWasSentAndCannotSendItAgain(script off)")]
    public async Task BackAfterTheReceiptShowsNothingThatWasSentAndCannotSendItAgain(bool script)
    {
        const string description = "Klistermärken med solkors vid busshållplatsen, borttagna av vaktmästaren.";
        var page = await OpenAsync(script);
        await Browser.FillStaffFormAsync(page, description);
        // The form is multipart (it may carry photos): the resent post keeps its content type and boundary.
        var sent = new List<(byte[] Body, string ContentType)>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url == _session.BaseUrl + "/" && request.PostDataBuffer is { } body)
            {
                sent.Add((body, request.Headers["content-type"]));
            }
        };
        await page.ClickAsync("button[type=submit]:not([name])");
        Assert.That(await ReceiptAsync(page), Does.Match(ReceiptShape()));

        // On a shared staff computer the next person presses Back.
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("#description")).ToBeVisibleAsync();
        Assert.That(await page.InputValueAsync("#description"), Is.Empty, "the description is not put back");
        Assert.That(await page.IsCheckedAsync("#observations-stickers"), Is.False, "nor the choices");
        await Browser.ScreenshotAsync(page, $"back-after-receipt-{(script ? "script" : "noscript")}");

        // And the post the browser would send again (its "resend the form?") stores nothing.
        Assert.That(sent, Has.Count.EqualTo(1));
        var again = await page.Context.APIRequest.PostAsync(_session.BaseUrl + "/", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = sent[0].ContentType },
            DataByte = sent[0].Body,
        });
        Assert.That(again.Status, Is.EqualTo(409));
        Assert.That(await again.TextAsync(), Does.Contain("Rapporten är redan skickad").And.Not.Contain("receipt-code"));
    }

    [Test]
    public async Task APersonnummerIsFoundAsYouTypeAndReplacedWithTheButton()
    {
        var page = await OpenAsync();
        await Browser.FillStaffFormAsync(page, string.Empty);
        await page.Locator("#description").PressSequentiallyAsync("Pappans pnr enligt systemet: 811218-9876, han delar ut flygblad.");

        var finding = page.Locator(".finding--blocking");
        await Assertions.Expect(finding).ToContainTextAsync("Personnummer");
        await Browser.ScreenshotAsync(page, "finding-as-you-type");
        await page.ClickAsync("text=Ersätt med [personnummer]");

        Assert.That(await page.InputValueAsync("#description"), Is.EqualTo("Pappans pnr enligt systemet: [personnummer], han delar ut flygblad."));
        await Assertions.Expect(page.Locator(".finding")).ToHaveCountAsync(0);
        await page.ClickAsync("button[type=submit]:not([name])");
        Assert.That(await ReceiptAsync(page), Does.Match(ReceiptShape()));
    }

    [Test]
    public async Task WithoutScriptAPersonnummerIsRefusedOnSubmitAndReplacedOnTheServer()
    {
        var page = await OpenAsync(script: false);
        await Browser.FillStaffFormAsync(page, "Pappans pnr enligt systemet: 811218-9876.");

        await page.ClickAsync("button[type=submit]:not([name])");

        await Assertions.Expect(page.Locator(".finding--blocking")).ToContainTextAsync("Personnummer");
        await Assertions.Expect(page.Locator(".finding mark")).ToHaveTextAsync("811218-9876");
        await Browser.ScreenshotAsync(page, "finding-noscript");
        await page.ClickAsync("text=Ersätt med [personnummer]");
        Assert.That(await page.InputValueAsync("#description"), Is.EqualTo("Pappans pnr enligt systemet: [personnummer]."));
        Assert.That(await page.IsCheckedAsync("#observations-stickers"), Is.True, "the rest of the form is kept");

        await page.ClickAsync("button[type=submit]:not([name])");
        Assert.That(await ReceiptAsync(page), Does.Match(ReceiptShape()));
    }

    [TestCase(true, TestName = "ANameWarningCanBeConfirmed(script on)")]
    [TestCase(false, TestName = "ANameWarningCanBeConfirmed(script off)")]
    public async Task ANameWarningCanBeConfirmed(bool script)
    {
        var page = await OpenAsync(script);
        await Browser.FillStaffFormAsync(page, "Eleven Hampus i 9B visade en video från en attack.");
        if (script)
        {
            await Assertions.Expect(page.Locator(".finding--warning")).ToContainTextAsync("Namn");
        }
        else
        {
            await page.ClickAsync("button[type=submit]:not([name])");
            await Assertions.Expect(page.Locator(".finding--warning")).ToContainTextAsync("Namn");
        }

        await Assertions.Expect(page.Locator("#confirmNoIdentifiers")).ToBeVisibleAsync();
        await page.CheckAsync("#confirmNoIdentifiers");
        await page.ClickAsync("button[type=submit]:not([name])");

        Assert.That(await ReceiptAsync(page), Does.Match(ReceiptShape()));
    }

    [Test]
    public async Task MissingFieldsAreListedInAnErrorSummaryThatLinksToEachField()
    {
        var page = await OpenAsync(script: false);

        await page.ClickAsync("button[type=submit]:not([name])");

        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        var links = summary.Locator("a");
        Assert.That(await links.CountAsync(), Is.GreaterThanOrEqualTo(5));
        await Browser.ScreenshotAsync(page, "errors");
        await summary.Locator("a[href='#description']").ClickAsync();
        await Assertions.Expect(page.Locator("#description-error")).ToBeVisibleAsync();
        Assert.That(await page.Locator(".field--error").CountAsync(), Is.GreaterThanOrEqualTo(5));
    }

    [Test]
    public async Task TheFormCanBeCompletedWithTheKeyboardOnly()
    {
        var page = await OpenAsync();

        await Browser.TabToAsync(page, "kind-concern");
        await page.Keyboard.PressAsync("Space");
        await Browser.TabToAsync(page, "occurredOn");
        await TypeDateAsync(page, "#occurredOn", 2026, 11, 20);
        await Browser.TabToAsync(page, "unit");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Browser.TabToAsync(page, "environment-white-power");
        await page.Keyboard.PressAsync("Space");
        await Browser.TabToAsync(page, "observations-symbols");
        await page.Keyboard.PressAsync("Space");
        await Browser.TabToAsync(page, "description");
        await page.Keyboard.TypeAsync("Hakkors ritat på bänken i sal B204.");
        await Browser.TabToAsync(page, "report-form-submit");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync();
        await Browser.ScreenshotAsync(page, "keyboard-only");

        Assert.That(await ReceiptAsync(page), Does.Match(ReceiptShape()));
    }

    /// <summary>
    /// Types a date as a keyboard user does, in the order the browser's date field shows its parts:
    /// year first (Swedish) or month first (the browser's default locale here).
    /// </summary>
    private static async Task TypeDateAsync(IPage page, string selector, int year, int month, int day)
    {
        var expected = $"{year:0000}-{month:00}-{day:00}";
        await page.Keyboard.TypeAsync($"{year:0000}{month:00}{day:00}");
        if (await page.InputValueAsync(selector) != expected)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
            await page.Keyboard.PressAsync("Shift+Tab");
            await page.Keyboard.TypeAsync($"{month:00}{day:00}{year:0000}");
        }

        Assert.That(await page.InputValueAsync(selector), Is.EqualTo(expected));
    }

    [TestCase("/", "form-sv")]
    [TestCase("/?lang=en", "form-en")]
    public async Task TheFormPassesAxeInBothLanguages(string path, string name)
    {
        var page = await OpenAsync(path: path, forAxe: true);
        await Browser.ScreenshotAsync(page, name);

        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty);
        Assert.That(await page.GetAttributeAsync("html", "lang"), Is.EqualTo(path.Contains("en") ? "en" : "sv"));
    }

    [TestCase("/", TestName = "TheErrorFindingAndReceiptStatesPassAxe(sv)")]
    [TestCase("/?lang=en", TestName = "TheErrorFindingAndReceiptStatesPassAxe(en)")]
    public async Task TheErrorFindingAndReceiptStatesPassAxe(string path)
    {
        var language = path.Contains("en") ? "en" : "sv";
        var page = await OpenAsync(path: path, forAxe: true); // axe needs script to run in the page
        await page.ClickAsync("button[type=submit]:not([name])");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "error state");
        await Browser.ScreenshotAsync(page, $"errors-{language}");

        await Browser.FillStaffFormAsync(page, "Eleven Hampus sa att 811218-9876 är hans nummer.");
        await page.ClickAsync("button[type=submit]:not([name])");
        await Assertions.Expect(page.Locator(".finding").First).ToBeVisibleAsync();
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "finding state");
        await Browser.ScreenshotAsync(page, $"findings-{language}");

        await page.FillAsync("#description", "Klistermärken vid entrén.");
        await page.ClickAsync("button[type=submit]:not([name])");
        await ReceiptAsync(page);
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "receipt page");
        await Browser.ScreenshotAsync(page, $"receipt-{language}");
    }

    [Test]
    public async Task TheFormReadsWellAt320PixelsWithoutSidewaysScrolling()
    {
        var page = await OpenAsync(width: 320);

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");

        Assert.That(overflow, Is.False);
        await Browser.ScreenshotAsync(page, "form-320px");
    }

    [Test]
    public async Task TheOrganisationsContactIsShownForQuestions()
    {
        var page = await OpenAsync();

        await Assertions.Expect(page.Locator(".contact")).ToContainTextAsync("samordnare@kommun.example");
    }
}
