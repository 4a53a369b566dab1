using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Reporting.Tests.Support;

/// <summary>
/// The real service in-process over a real SQLite file in a temp folder. Settings are overridden
/// as an operator would (configuration keys); logs are captured; the clock can be set.
/// </summary>
public sealed class ReportingHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ReportingHost(string dataDirectory, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        DataDirectory = dataDirectory;
        Clock = clock;
        // Tests submit hundreds of reports from one address; the rate-limit tests switch limits on.
        _settings = new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _settings["Storage:DataDirectory"] = dataDirectory;
    }

    public string DataDirectory { get; }

    public TimeProvider? Clock { get; }

    public LogCapture Logs { get; } = new();

    public string DatabasePath => Path.Combine(DataDirectory, "reporting.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Logging:LogLevel:Default", "Debug");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            if (Clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(Clock);
            }
        });
    }

    public async Task<HttpResponseMessage> SubmitAsync(object report)
    {
        using var client = CreateClient();
        return await client.PostAsJsonAsync("/api/reports", report);
    }
}
