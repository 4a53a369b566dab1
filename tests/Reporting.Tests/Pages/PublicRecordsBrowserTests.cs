using System.Net.Http.Json;
using Microsoft.Playwright;
using Reporting.Tests.Support;

namespace Reporting.Tests.Pages;

/// <summary>
/// The registrator in Chromium: the report page's "Allmän handling" sets a marking and a hold, and the
/// "Allmänna handlingar" page offers the register extract, records a request and its decision without
/// script (a refused text is answered in place), lists it, and passes axe.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PublicRecordsBrowserTests
{
    private BrowserSession _session = null!;
    private IPage _coordinator = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _session = await BrowserSession.StartAsync();
        using (var submitted = await _session.Service.Client.PostAsJsonAsync("/api/reports", SampleReports.Valid("Klotter på skolans gavel, borttaget.")))
        {
            Assert.That(submitted.IsSuccessStatusCode, Is.True);
        }

        _coordinator = await BrowserCoordinator.SignInAsync(_session, "registrator@kommun.example");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    [Test]
    public async Task TheRegistratorMarksAReportAndRecordsARequestWithoutScript()
    {
        var list = (await (await _coordinator.Context.APIRequest.GetAsync("/api/reports?pageSize=1")).JsonAsync())!.Value.GetProperty("items")[0];
        var (id, reference) = (list.GetProperty("id").GetString()!, list.GetProperty("reference").GetString()!);

        await _coordinator.GotoAsync($"/samordnare/rapporter/{id}");
        await Assertions.Expect(_coordinator.Locator("#secrecy")).ToHaveValueAsync("OSL 23 kap. 2 §");
        await _coordinator.FillAsync("#secrecy", "OSL 26 kap. 1 §");
        await _coordinator.CheckAsync("#hold");
        await _coordinator.ClickAsync("form[aria-labelledby=records-heading] button[type=submit]");
        await Assertions.Expect(_coordinator.Locator("#secrecy-marking")).ToHaveTextAsync("OSL 26 kap. 1 § · gallringsstopp");

        var context = await _session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _session.BaseUrl, JavaScriptEnabled = false, StorageState = await _coordinator.Context.StorageStateAsync(),
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/samordnare/allmanna-handlingar");
        await Assertions.Expect(page.Locator("a[href^='/api/register.csv']")).ToBeVisibleAsync();
        await page.FillAsync("#reference", reference);
        await page.FillAsync("#requester", "ring 070-123 45 67");
        await page.CheckAsync("#decision-refused");
        await page.FillAsync("#ground", "OSL 26 kap. 1 §");
        await page.ClickAsync("form[aria-labelledby=record-heading] button[type=submit]");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("identifierar");

        await page.FillAsync("#requester", "journalist");
        await page.ClickAsync("form[aria-labelledby=record-heading] button[type=submit]");
        await Assertions.Expect(page.Locator(".confirmation")).ToContainTextAsync("sparade");
        await Assertions.Expect(page.Locator("#disclosures")).ToContainTextAsync(reference);
        await Assertions.Expect(page.Locator("#disclosures")).ToContainTextAsync("Avslag");
        await context.CloseAsync();

        var axeContext = await _session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _session.BaseUrl, BypassCSP = true, StorageState = await _coordinator.Context.StorageStateAsync(),
        });
        var axePage = await axeContext.NewPageAsync();
        await axePage.GotoAsync("/samordnare/allmanna-handlingar");
        Assert.That(await Browser.AccessibilityViolationsAsync(axePage), Is.Empty, "the public records page");
        await axePage.GotoAsync($"/samordnare/rapporter/{id}");
        Assert.That(await Browser.AccessibilityViolationsAsync(axePage), Is.Empty, "the report page with its records form");
        await axePage.GotoAsync("/tillganglighet");
        Assert.That(await Browser.AccessibilityViolationsAsync(axePage), Is.Empty, "the accessibility statement");
        await axeContext.CloseAsync();
    }
}
