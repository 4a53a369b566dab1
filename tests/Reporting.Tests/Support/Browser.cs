using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Reporting.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download works here). Missing Chromium
/// fails in CI and skips elsewhere, saying why.
/// </summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            var message = $"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium); .ci/run does.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>axe-core with the WCAG 2.1 A and AA rules; returns the violations as readable lines.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return [.. result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")];
    }

    /// <summary>Presses Tab until the element with this id has the focus (and shows it), as a keyboard user would; fails if it cannot be reached.</summary>
    public static async Task TabToAsync(IPage page, string id, int maxPresses = 80)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''") == id)
            {
                var visibleFocus = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
                Assert.That(visibleFocus, Is.Not.EqualTo("none"), $"#{id} shows where the focus is");
                return;
            }
        }

        Assert.Fail($"#{id} cannot be reached with Tab");
    }

    /// <summary>Collects the page's Content-Security-Policy violations (the browser reports each on the console).</summary>
    public static IReadOnlyCollection<string> RecordPolicyViolations(IPage page)
    {
        var violations = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Enqueue(message.Text);
            }
        };
        return violations;
    }

    /// <summary>Saves a full-page screenshot as a test artifact.</summary>
    /// <summary>Fills the staff form's required fields as a reporter would, with this description.</summary>
    public static async Task FillStaffFormAsync(IPage page, string description)
    {
        await page.CheckAsync("#kind-incident");
        await page.FillAsync("#occurredOn", "2026-11-20");
        await page.SelectOptionAsync("#unit", "grundskola");
        await page.CheckAsync("#environment-white-power");
        await page.CheckAsync("#observations-stickers");
        await page.FillAsync("#description", description);
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }
}
