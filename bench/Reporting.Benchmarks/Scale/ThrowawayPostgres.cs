using System.Diagnostics;
using Npgsql;

namespace Reporting.Benchmarks.Scale;

/// <summary>
/// A PostgreSQL 15 cluster (Debian's binaries) for one benchmark run, on a free loopback port,
/// with fsync on (as a production server), stopped and deleted at the end. initdb refuses root,
/// so as root it runs as the postgres user.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string Binaries = "/usr/lib/postgresql/15/bin";
    private readonly string _folder;
    private readonly int _port;
    private readonly bool _asPostgres;

    private ThrowawayPostgres(string folder, int port, bool asPostgres)
    {
        _folder = folder;
        _port = port;
        _asPostgres = asPostgres;
    }

    public static bool IsInstalled => File.Exists(Path.Combine(Binaries, "initdb"));

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"reporting-bench-pg-{Guid.NewGuid():N}"[..30]);
        Directory.CreateDirectory(folder);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            await RunAsync("/bin/chown", false, "postgres:postgres", folder);
        }

        var port = ServerProcess.FreePort();
        var data = Path.Combine(folder, "data");
        await RunAsync(Path.Combine(Binaries, "initdb"), asPostgres, "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C");
        await RunAsync(Path.Combine(Binaries, "pg_ctl"), asPostgres, "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -h 127.0.0.1 -k {folder} -c shared_buffers=256MB", "start");
        return new ThrowawayPostgres(folder, port, asPostgres);
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        var admin = Connection("postgres");
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return Connection(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync(Path.Combine(Binaries, "pg_ctl"), _asPostgres, "-D", Path.Combine(_folder, "data"), "-m", "fast", "stop");
        Directory.Delete(_folder, recursive: true);
    }

    private string Connection(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "postgres", Database = database }.ToString();

    private static async Task RunAsync(string file, bool asPostgres, params string[] arguments)
    {
        var start = new ProcessStartInfo(asPostgres ? "/usr/sbin/runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in asPostgres ? ["-u", "postgres", "--", file, .. arguments] : arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed: {await error} {await output}");
        }
    }
}
