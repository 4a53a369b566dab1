using Microsoft.Playwright;

namespace Reporting.Tests.Support;

/// <summary>
/// The service as a process on a free loopback port, over its own temp folder, and Debian's Chromium
/// to drive it: what every browser fixture starts and stops.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private IPlaywright? _playwright;

    private BrowserSession(TempFolder folder, string baseUrl, Dictionary<string, string> environment)
    {
        Folder = folder;
        BaseUrl = baseUrl;
        Environment = environment;
    }

    public TempFolder Folder { get; }

    public string BaseUrl { get; }

    /// <summary>The service's settings (environment variables), for admin verbs against the same data.</summary>
    public Dictionary<string, string> Environment { get; }

    public IBrowser Browser { get; private set; } = null!;

    public ServiceProcess.RunningService Service { get; private set; } = null!;

    /// <summary>
    /// Launches Chromium, then starts the service with <paramref name="settings"/> added to its
    /// environment; <paramref name="beforeStart"/> runs first (an admin verb such as coordinator add).
    /// </summary>
    public static async Task<BrowserSession> StartAsync(
        IDictionary<string, string>? settings = null, Func<BrowserSession, Task>? beforeStart = null)
    {
        var (playwright, browser) = await Support.Browser.LaunchAsync();
        var port = TestSmtpServer.FreePort();
        var folder = new TempFolder();
        var baseUrl = $"http://127.0.0.1:{port}";
        var environment = new Dictionary<string, string> { ["Storage__DataDirectory"] = folder.Path, ["Urls"] = baseUrl };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var session = new BrowserSession(folder, baseUrl, environment) { _playwright = playwright, Browser = browser };
        if (beforeStart is not null)
        {
            await beforeStart(session);
        }

        session.Service = await ServiceProcess.StartAsync(environment, port);
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Folder.Dispose();
    }
}
