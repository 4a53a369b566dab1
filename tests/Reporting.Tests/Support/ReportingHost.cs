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
    private readonly Action<IServiceCollection>? _services;

    public ReportingHost(string dataDirectory, IDictionary<string, string?>? settings = null, TimeProvider? clock = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
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

    /// <summary>"Sqlite" or "PostgreSQL", as configured.</summary>
    public string Provider => _settings.GetValueOrDefault("Database:Provider") ?? "Sqlite";

    public bool IsPostgreSql => Provider == "PostgreSQL";

    /// <summary>A raw connection to the same database, for checks at rest (SQLite file or PostgreSQL).</summary>
    public System.Data.Common.DbConnection OpenRawConnection()
    {
        if (IsPostgreSql)
        {
            return PostgresServer.Open(_settings["ConnectionStrings:Reporting"]!);
        }

        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>The first column of every row a query returns, as text (for checks at rest).</summary>
    public async Task<List<string>> ReadColumnAsync(string sql)
    {
        var values = new List<string>();
        await using var connection = OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Everything an attacker with the stored data would see: the SQLite files, or a pg_dump.</summary>
    public async Task<string> StoredDataAsync()
    {
        if (IsPostgreSql)
        {
            return await PostgresServer.DumpAsync(_settings["ConnectionStrings:Reporting"]!);
        }

        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(DataDirectory, "reporting.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            text.Append(System.Text.Encoding.UTF8.GetString(memory.ToArray()));
        }

        return text.ToString();
    }

    /// <summary>Settings for a host on a new database of the given provider (a fresh PostgreSQL database, or SQLite in the folder).</summary>
    public static async Task<Dictionary<string, string?>> SettingsForAsync(string provider, IDictionary<string, string?>? settings = null)
    {
        var result = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (provider == "PostgreSQL")
        {
            result["Database:Provider"] = "PostgreSQL";
            result["ConnectionStrings:Reporting"] = await PostgresServer.CreateDatabaseAsync();
        }

        return result;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (!_settings.ContainsKey("Logging:LogLevel:Default"))
        {
            builder.UseSetting("Logging:LogLevel:Default", "Debug");
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            if (Clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(Clock);
            }

            _services?.Invoke(services);
        });
    }

    public async Task<HttpResponseMessage> SubmitAsync(object report)
    {
        using var client = CreateClient();
        return await client.PostAsJsonAsync("/api/reports", report);
    }
}
