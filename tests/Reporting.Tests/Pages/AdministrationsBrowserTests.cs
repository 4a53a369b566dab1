using Microsoft.Playwright;
using Reporting.Tests.Support;

namespace Reporting.Tests.Pages;

/// <summary>
/// Two administrations in Chromium: the start page lists them, each form has its own address, name
/// and units and takes a report; a city coordinator signs in to the city's page. Every page passes axe.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AdministrationsBrowserTests
{
    private BrowserSession _session = null!;

    [OneTimeSetUp]
    public async Task Start() => _session = await BrowserSession.StartAsync(new Dictionary<string, string>
    {
        ["Administrations__0__Code"] = "kungsholmen",
        ["Administrations__0__Name"] = "Kungsholmens stadsdelsförvaltning",
        ["Administrations__1__Code"] = "norrmalm",
        ["Administrations__1__Name"] = "Norrmalms stadsdelsförvaltning",
        ["Administrations__1__Contact"] = "Samordnaren på Norrmalm, 08-508 00 000",
    });

    [OneTimeTearDown]
    public async Task Stop() => await _session.DisposeAsync();

    [Test]
    public async Task EachAdministrationsFormIsReachedFromTheStartAndTakesAReport()
    {
        var context = await _session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _session.BaseUrl, Locale = "sv-SE", BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "the list of administrations");
        await Browser.ScreenshotAsync(page, "administrations");

        await page.ClickAsync("a[href='/norrmalm']");
        await Assertions.Expect(page.Locator(".banner__org")).ToHaveTextAsync("Norrmalms stadsdelsförvaltning");
        await Assertions.Expect(page.Locator(".contact")).ToContainTextAsync("Samordnaren på Norrmalm");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "Norrmalm's form");

        await Browser.FillStaffFormAsync(page, "Klistermärken med solkors vid entrén, borttagna.");
        await page.ClickAsync("button[type=submit]:not([name])");
        await Assertions.Expect(page.Locator("#receipt-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{4} \d{4} \d{4} \d{4}$"));
        Assert.That(page.Url, Is.EqualTo(_session.BaseUrl + "/norrmalm"));

        await page.GotoAsync("/kungsholmen?lang=en");
        await Assertions.Expect(page.Locator(".banner__org")).ToHaveTextAsync("Kungsholmens stadsdelsförvaltning");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "Kungsholmen's form in English");
    }

    [Test]
    public async Task ACityCoordinatorSignsInToTheCitysPage()
    {
        var page = await BrowserCoordinator.SignInAsync(_session, "stad@stockholm.example", ["--role", "city"], "Staden – alla förvaltningar");

        Assert.That(page.Url, Does.EndWith("/samordnare/stad"));
        await Assertions.Expect(page.Locator("#city-by-environment tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("nav.coordinator-nav")).Not.ToContainTextAsync("Inkorg");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "the city's page");
        await Browser.ScreenshotAsync(page, "city");
    }

    [Test]
    public async Task ACoordinatorTransfersAMisroutedReportFromItsPage()
    {
        using (var http = new HttpClient { BaseAddress = new Uri(_session.BaseUrl) })
        {
            var report = SampleReports.Valid("Fel förvaltning: det här hände på Norrmalm.");
            report["administration"] = "kungsholmen";
            using var submitted = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/reports", report);
            Assert.That(submitted.IsSuccessStatusCode, Is.True);
        }

        var page = await BrowserCoordinator.SignInAsync(_session, "samordnare@kungsholmen.example", ["--administration", "kungsholmen"], "Inkorg");
        await page.Locator("table a[href^='/samordnare/rapporter/']").First.ClickAsync();
        await Assertions.Expect(page.Locator("#transfer-heading")).ToHaveTextAsync("Fel förvaltning?");
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty, "the report page with its transfer form");

        await page.SelectOptionAsync("#transfer-to", "norrmalm");
        await page.ClickAsync("form:has(#transfer-to) button[type=submit]");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Inkorg");
        await Assertions.Expect(page.Locator(".confirmation")).ToContainTextAsync("överförd");
        await Assertions.Expect(page.Locator("table a[href^='/samordnare/rapporter/']")).ToHaveCountAsync(0);
    }
}
