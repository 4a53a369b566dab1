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

    /// <summary>The environment that points the service at a test's own data folder.</summary>
    public static Dictionary<string, string> EnvironmentFor(TempFolder folder) => new() { ["Storage__DataDirectory"] = folder.Path };

    public static Task<Result> RunAsync(IDictionary<string, string> environment, params string[] args) =>
        RunInAsync(ServiceDirectory, environment, args);

    /// <summary>Runs with another working directory, which is then the content root (its appsettings.json is read).</summary>
    public static async Task<Result> RunInAsync(string workingDirectory, IDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
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

    /// <summary>Starts the service as a long-running process and waits until it answers /health/live.</summary>
    public static async Task<RunningService> StartAsync(IDictionary<string, string> environment, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ServiceDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ServiceDirectory, "Reporting.dll"));
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new RunningService(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await service.Client.GetAsync("/health/live")).IsSuccessStatusCode)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        await service.DisposeAsync();
        throw new InvalidOperationException("The service did not start.");
    }

    /// <summary>The service as a running process; disposing it kills it if it still runs.</summary>
    public sealed class RunningService(Process process, HttpClient client) : IAsyncDisposable
    {
        public HttpClient Client { get; } = client;

        public Process Process { get; } = process;

        /// <summary>SIGKILL: no shutdown, no flush, as in a power cut of the process.</summary>
        public void Kill()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }
        }

        public ValueTask DisposeAsync()
        {
            Kill();
            Client.Dispose();
            Process.Dispose();
            return ValueTask.CompletedTask;
        }
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
