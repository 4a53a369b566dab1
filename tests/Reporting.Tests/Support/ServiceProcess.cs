using System.Diagnostics;

namespace Reporting.Tests.Support;

/// <summary>Runs the built service executable as an operator would: <c>dotnet Reporting.dll &lt;verb&gt;</c>.</summary>
public static class ServiceProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>The service's own build output (beside its appsettings.json), found from the test's build output.</summary>
    public static string ServiceDirectory
    {
        get
        {
            var testBin = AppContext.BaseDirectory;
            var configuration = new DirectoryInfo(testBin).Parent!.Name; // bin/<Configuration>/net10.0
            var root = FindRepositoryRoot(testBin);
            return Path.Combine(root, "src", "Reporting", "bin", configuration, "net10.0");
        }
    }

    public static async Task<Result> RunAsync(IDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ServiceDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ServiceDirectory, "Reporting.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    public static string FindRepositoryRoot(string from)
    {
        for (var directory = new DirectoryInfo(from); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Reporting.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Reporting.sln not found above " + from);
    }
}
