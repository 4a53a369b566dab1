using Microsoft.Playwright;
using Reporting.Tests.Support;

namespace Reporting.Tests.Pages;

/// <summary>
/// A coordinator adds a passkey and signs in with password plus passkey instead of the code, in
/// Chromium with its virtual authenticator (CDP WebAuthn). WebAuthn does not accept an IP address
/// as the relying party, so this browser reaches the service as <c>localhost</c>.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PasskeyBrowserTests
{
    private const string Email = "nyckel@kommun.example";
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

    [Test]
    public async Task ACoordinatorAddsAPasskeyAndSignsInWithPasswordAndPasskey()
    {
        var baseUrl = _session.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var page = await BrowserCoordinator.SignInAsync(_session, Email, baseUrl: baseUrl);
        var webAuthn = await page.Context.NewCDPSessionAsync(page);
        await webAuthn.SendAsync("WebAuthn.enable");
        var added = await webAuthn.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true, ["hasUserVerification"] = true,
                ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
        var authenticator = added!.Value.GetProperty("authenticatorId").GetString()!;

        // A passkey added from the account link in the header.
        await page.ClickAsync("a.coordinator-nav__who");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Passkeys");
        await Assertions.Expect(page.Locator("#no-passkeys")).ToBeVisibleAsync();
        Assert.That(await Browser.AccessibilityViolationsAsync(page), Is.Empty);
        await page.ClickAsync("#add-passkey");
        await Assertions.Expect(page.Locator("#passkeys tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#passkeys tbody th")).ToHaveTextAsync("Passkey 1");
        var credentials = await webAuthn.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticator });
        Assert.That(credentials!.Value.GetProperty("credentials").GetArrayLength(), Is.EqualTo(1), "the authenticator holds the new credential");

        // Signed out, then in with password and passkey: no code typed.
        await page.ClickAsync("button:has-text('Logga ut')");
        await page.GotoAsync("/samordnare/logga-in");
        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", "fel-lösenord-123");
        await page.ClickAsync("#passkey-sign-in");
        await Assertions.Expect(page.Locator("#passkey-sign-in-status")).ToContainTextAsync("stämmer inte");
        await page.FillAsync("#password", CoordinatorAccess.Password);
        await page.ClickAsync("#passkey-sign-in");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Inkorg");

        await page.GotoAsync("/samordnare/logg");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Passkey tillagd");
        await page.GotoAsync("/samordnare/passkeys");
        await Assertions.Expect(page.Locator("#passkeys tbody td").Nth(1)).Not.ToHaveTextAsync("aldrig");
    }
}
