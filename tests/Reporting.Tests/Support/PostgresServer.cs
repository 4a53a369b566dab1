using System.Data.Common;
using System.Diagnostics;
using Npgsql;

namespace Reporting.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster (Debian's postgresql 15) on a free loopback port, started once per
/// test run and stopped when the run ends; each fixture gets a database of its own. initdb refuses
/// root, so as root the cluster runs as the postgres user. Missing binaries fail in CI and skip elsewhere.
/// </summary>
public static class PostgresServer
{
    public const string Binaries = "/usr/lib/postgresql/15/bin";
    private static readonly Lazy<Task<Cluster>> Shared = new(StartAsync);
    private static int _databases;

    public sealed record Cluster(string Folder, int Port)
    {
        public string ConnectionString(string database) =>
            new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true, MaxPoolSize = 30 }.ToString();
    }

    public static async Task<Cluster> ClusterAsync()
    {
        if (!File.Exists(Path.Combine(Binaries, "initdb")))
        {
            var message = $"{Binaries}/initdb is missing: install Debian's postgresql (apt-get install postgresql); .ci/run does.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        return await Shared.Value;
    }

    /// <summary>A new, empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var cluster = await ClusterAsync();
        var name = $"reporting_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return cluster.ConnectionString(name);
    }

    /// <summary>Everything pg_dump writes for a database: what a stolen dump would show.</summary>
    public static async Task<string> DumpAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var (exit, output, error) = await RunAsync(Path.Combine(Binaries, "pg_dump"), asPostgres: false,
            "-h", "127.0.0.1", "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", builder.Database!);
        Assert.That(exit, Is.Zero, error);
        return output;
    }

    public static DbConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static async Task<Cluster> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"reporting-pg-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(folder);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            await RunCheckedAsync("/bin/chown", asPostgres: false, "postgres:postgres", folder);
        }

        var data = Path.Combine(folder, "data");
        await RunCheckedAsync(Path.Combine(Binaries, "initdb"), asPostgres, "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync");
        var port = TestSmtpServer.FreePort();
        // Durability settings off: this cluster lives for one test run.
        await RunCheckedAsync(Path.Combine(Binaries, "pg_ctl"), asPostgres, "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -h 127.0.0.1 -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            using var stop = Process.Start(Start(Path.Combine(Binaries, "pg_ctl"), asPostgres, "-D", data, "-m", "immediate", "stop"));
            stop?.WaitForExit(10_000);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        };
        return new Cluster(folder, port);
    }

    private static async Task RunCheckedAsync(string file, bool asPostgres, params string[] arguments)
    {
        var (exit, output, error) = await RunAsync(file, asPostgres, arguments);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({exit}): {error} {output}");
        }
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string file, bool asPostgres, params string[] arguments)
    {
        using var process = Process.Start(Start(file, asPostgres, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo Start(string file, bool asPostgres, params string[] arguments)
    {
        var start = new ProcessStartInfo(asPostgres ? "/usr/sbin/runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
