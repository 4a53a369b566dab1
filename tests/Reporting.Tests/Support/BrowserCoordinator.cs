using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Reporting.Tests.Support;

/// <summary>A coordinator in Chromium: added with the admin verb, enrolled through the setup link and signed in, as a person would.</summary>
public static partial class BrowserCoordinator
{
    [GeneratedRegex(@"http://\S+/samordnare/aktivera\?token=\S+")]
    private static partial Regex SetupLink();

    /// <summary>A browser context whose session is a signed-in coordinator's (the page is on the inbox).</summary>
    /// <summary>
    /// A new coordinator enrolled and signed in with password and code, in a browser context of its own;
    /// <paramref name="baseUrl"/> reaches the service by another name (WebAuthn needs <c>localhost</c>, not an address).
    /// </summary>
    public static async Task<IPage> SignInAsync(BrowserSession session, string email, int width = 1280, string? baseUrl = null) =>
        await SignInAsync(session, email, [], "Inkorg", width, baseUrl);

    /// <summary>Creates the account with further <c>coordinator add</c> options, signs in, and expects the page with this heading.</summary>
    public static async Task<IPage> SignInAsync(BrowserSession session, string email, string[] addOptions, string heading, int width = 1280, string? baseUrl = null)
    {
        baseUrl ??= session.BaseUrl;
        var invited = await ServiceProcess.RunAsync(session.Environment, ["coordinator", "add", "--email", email, .. addOptions]);
        Assert.That(invited.ExitCode, Is.EqualTo(0), invited.Error);
        var link = SetupLink().Match(invited.Output).Value.Replace("http://localhost:5080", baseUrl, StringComparison.Ordinal);
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = "sv-SE",
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await page.FillAsync("#password", CoordinatorAccess.Password);
        await page.FillAsync("#confirmPassword", CoordinatorAccess.Password);
        await page.FillAsync("#code", Totp.Code(key));
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await page.GotoAsync("/samordnare/logga-in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", CoordinatorAccess.Password);
        await page.FillAsync("#code", Totp.Code(key));
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        return page;
    }

    /// <summary>The anti-forgery header for the coordinator's API writes, from the signed-in page's session.</summary>
    public static async Task<Dictionary<string, string>> AntiforgeryHeadersAsync(IPage page)
    {
        var session = (await (await page.Context.APIRequest.GetAsync("/api/session")).JsonAsync())!.Value;
        return new Dictionary<string, string>
        {
            [session.GetProperty("antiforgeryHeader").GetString()!] = session.GetProperty("antiforgeryToken").GetString()!,
        };
    }
}
