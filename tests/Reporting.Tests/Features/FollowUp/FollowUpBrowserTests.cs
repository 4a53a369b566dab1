using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.FollowUp;

/// <summary>"Följ upp din rapport" in real Chromium against the service as a process: keyboard only, without script, axe in both languages, the receipt never in a URL.</summary>
[TestFixture]
[NonParallelizable]
public sealed class FollowUpBrowserTests
{
    private BrowserSession _session = null!;

    [OneTimeSetUp]
    public async Task Start() => _session = await BrowserSession.StartAsync();

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    private async Task<string> ReceiptAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_session.BaseUrl) };
        using var response = await client.PostAsJsonAsync("/api/reports", SampleReports.Valid());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
    }

    private async Task<IPage> OpenAsync(string path, bool script = true, bool forAxe = false)
    {
        var context = await _session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _session.BaseUrl,
            JavaScriptEnabled = script,
            BypassCSP = forAxe, // only to inject axe-core
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }

    [Test]
    public async Task AReporterFollowsUpAndAnswersWithTheKeyboardAloneAndNoScript()
    {
        var receipt = await ReceiptAsync();
        var page = await OpenAsync("/", script: false);
        await page.ClickAsync("#follow-up-link");
        Assert.That(page.Url, Does.EndWith("/uppfoljning"), "the form links to the follow-up page");

        await Browser.TabToAsync(page, "receipt");
        await page.Keyboard.TypeAsync(receipt);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#follow-up-status")).ToContainTextAsync("Mottagen, inte påbörjad ännu");

        await Browser.TabToAsync(page, "text");
        await page.Keyboard.TypeAsync("Det hände en gång till i dag, på samma ställe.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".confirmation")).ToContainTextAsync("ditt svar är skickat");
        await Assertions.Expect(page.Locator("#messages")).ToContainTextAsync("på samma ställe");

        var digits = receipt.Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.That(page.Url, Does.Not.Contain(digits).And.Not.Contain("receipt"), "the receipt is in no URL");
    }

    [TestCase("/uppfoljning", "sv")]
    [TestCase("/uppfoljning?lang=en", "en")]
    public async Task ThePagePassesAxeInEachState(string path, string language)
    {
        var receipt = await ReceiptAsync();
        var page = await OpenAsync(path, forAxe: true);
        Assert.That(await page.GetAttributeAsync("html", "lang"), Is.EqualTo(language));
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "empty");

        await page.FillAsync("#receipt", "1111 2222 3333 4444");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "unknown receipt");

        await page.FillAsync("#receipt", receipt);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#follow-up-status")).ToBeVisibleAsync();
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "the report");

        await page.FillAsync("#text", "Det var Kalle Svensson från klass 8B.");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator(".finding").First).ToBeVisibleAsync();
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "a finding in the reply");
        await Browser.ScreenshotAsync(page, $"follow-up-finding-{language}");
    }
}
