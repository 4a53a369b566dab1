using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Reporting.Benchmarks.Scale;

/// <summary>
/// The service's own host, composed exactly as Program.cs composes it, over a seeded database: the
/// scale suite calls its use cases through the mediator (handler time, no HTTP in between).
/// </summary>
// Any type of the service's assembly names it (the benchmark has a Program of its own).
public sealed class BenchHost(ScaleDatabase database) : WebApplicationFactory<Reporting.Features.Reports.ReportSealer>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // The service's appsettings.json and word lists are copied beside the benchmark.
        builder.UseContentRoot(AppContext.BaseDirectory);
        foreach (var (key, value) in database.Settings())
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("RateLimiting:Enabled", "false");
    }
}

/// <summary>Where a seeded database lives: a data directory (key file, SQLite file) and, for PostgreSQL, its connection string.</summary>
public sealed record ScaleDatabase(string DataDirectory, string? PostgreSql, int Administrations = 0)
{
    public string Provider => PostgreSql is null ? "SQLite" : "PostgreSQL";

    /// <summary>The codes of a city's administrations (none: the one from Organisation).</summary>
    public IReadOnlyList<string> AdministrationCodes => [.. Enumerable.Range(1, Administrations).Select(i => $"forvaltning-{i:00}")];

    public IReadOnlyDictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string> { ["Storage:DataDirectory"] = DataDirectory };
        for (var i = 0; i < AdministrationCodes.Count; i++)
        {
            settings[$"Administrations:{i}:Code"] = AdministrationCodes[i];
            settings[$"Administrations:{i}:Name"] = $"Förvaltning {i + 1}";
        }

        if (PostgreSql is { } connection)
        {
            settings["Database:Provider"] = "PostgreSQL";
            settings["ConnectionStrings:Reporting"] = connection;
        }

        return settings;
    }

    /// <summary>The same settings as environment variables, for the service started as a process.</summary>
    public IDictionary<string, string> Environment() =>
        Settings().ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    public IEnumerable<string> Arguments() =>
        ["--data", DataDirectory, .. PostgreSql is { } connection ? new[] { "--postgres", connection } : [],
            .. Administrations > 0 ? new[] { "--administrations", Administrations.ToString(System.Globalization.CultureInfo.InvariantCulture) } : []];

    public static ScaleDatabase FromArguments(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new ScaleDatabase(
            Value("--data") ?? throw new ArgumentException("--data is needed"), Value("--postgres"),
            Value("--administrations") is { } count ? int.Parse(count, System.Globalization.CultureInfo.InvariantCulture) : 0);
    }
}
