using System.Diagnostics;

namespace Reporting.Tests.Support;

/// <summary>
/// npm packages the tests use as independent oracles (tests/Reporting.Tests/Oracles). Installed by
/// .ci/run, or here with `npm ci` when Node.js is on the machine; missing Node.js fails in CI and
/// skips elsewhere, saying why.
/// </summary>
public static class NodeOracle
{
    private static readonly SemaphoreSlim Installing = new(1, 1);

    public static string Folder => Path.Combine(ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory), "tests", "Reporting.Tests", "Oracles");

    /// <summary>Runs an oracle script with the lines on stdin; returns its stdout lines.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string script, IEnumerable<string> lines)
    {
        await EnsureInstalledAsync();
        var start = new ProcessStartInfo("node", Path.Combine(Folder, script))
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(string.Join('\n', lines) + "\n");
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await error);
        return [.. (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static async Task EnsureInstalledAsync()
    {
        if (!Exists("node") || !Exists("npm"))
        {
            Unavailable("Node.js (node and npm) is missing: install Debian's nodejs and npm; the machine image has them.");
        }

        await Installing.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(Folder, "node_modules", "personnummer", "package.json")))
            {
                return;
            }

            var install = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true })!;
            var error = install.StandardError.ReadToEndAsync();
            await install.StandardOutput.ReadToEndAsync();
            await install.WaitForExitAsync();
            if (install.ExitCode != 0)
            {
                Unavailable($"npm ci in {Folder} failed: {(await error).Trim()}");
            }
        }
        finally
        {
            Installing.Release();
        }
    }

    private static bool Exists(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(directory => File.Exists(Path.Combine(directory, command)));

    private static void Unavailable(string message)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }
}
