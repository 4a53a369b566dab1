using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Coordinators;

/// <summary>
/// Single sign-on in real Chromium against the service as a process on plain http://127.0.0.1 (the
/// correlation and nonce cookies must survive that) and a real provider: the account is made with
/// <c>coordinator add --sso</c>, signs in with the municipality's account, and signing out ends the
/// session at the provider too.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SingleSignOnBrowserTests
{
    private const string Email = "sso-webblasare@kommun.example";
    private OidcProvider _provider = null!;
    private BrowserSession _session = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _provider = await OidcProvider.StartAsync();
        _provider.NextUser = new OidcProvider.User("subject-browser", Email, ["pwd", "mfa"]);
        _session = await BrowserSession.StartAsync(
            new Dictionary<string, string>
            {
                ["Authentication__Oidc__Authority"] = _provider.Authority,
                ["Authentication__Oidc__ClientId"] = OidcProvider.ClientId,
                ["Authentication__Oidc__ClientSecret"] = OidcProvider.ClientSecret,
            },
            async session =>
            {
                var added = await ServiceProcess.RunAsync(session.Environment, "coordinator", "add", "--email", Email, "--sso");
                Assert.That(added.ExitCode, Is.Zero, added.Error);
                Assert.That(added.Output, Does.Contain("single sign-on").And.Not.Contain("http"), "no setup link for a single sign-on account");
            });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    [Test]
    public async Task ACoordinatorSignsInWithTheMunicipalitysAccountAndOut()
    {
        var axe = await _session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _session.BaseUrl, BypassCSP = true });
        var axePage = await axe.NewPageAsync();
        await axePage.GotoAsync("/samordnare/logga-in");
        Assert.That(await Browser.AccessibilityViolationsAsync(axePage), Is.Empty, "sign-in page with single sign-on");
        await axePage.GotoAsync("/samordnare/logga-in?sso=mfa");
        Assert.That(await Browser.AccessibilityViolationsAsync(axePage), Is.Empty, "a refused single sign-on");
        await axe.CloseAsync();

        var context = await _session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _session.BaseUrl, Locale = "sv-SE" });
        var page = await context.NewPageAsync();
        var blocked = Browser.RecordPolicyViolations(page);
        await page.GotoAsync("/samordnare/sammanstallning");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/samordnare/logga-in"));
        await page.ClickAsync("#sso-sign-in");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sammanställningar");
        Assert.That(page.Url, Does.Not.Contain("code=").And.Not.Contain("state="), "the code is not left in the address bar");
        await Browser.ScreenshotAsync(page, "coordinator-sso-signed-in");

        await page.ClickAsync("text=Logga ut");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/samordnare/logga-in"));
        Assert.That(_provider.EndSessions, Has.Some.Contains($"client_id={OidcProvider.ClientId}"), "signed out at the provider too");
        await page.GotoAsync("/samordnare");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/samordnare/logga-in"));
        Assert.That(blocked, Is.Empty, "the single sign-on pages keep to the CSP");
    }
}
