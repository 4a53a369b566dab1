using System.Diagnostics;

namespace Reporting.Benchmarks;

/// <summary>A server under test, started as its own process; its peak memory is read from /proc.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The server's time by part so far (<see cref="ServerParts"/>).</summary>
    public ServerParts.Snapshot Parts() => ServerParts.Take(_process.Id);

    public static async Task<ServerProcess> StartAsync(string dll, IEnumerable<string> args, IDictionary<string, string> environment, int port)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"  [{Path.GetFileNameWithoutExtension(dll)}] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var client = new HttpClient();
        for (var i = 0; i < 150 && !process.HasExited; i++)
        {
            try
            {
                if ((await client.GetAsync(new Uri(server.BaseAddress, "/health/live"))).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"{dll} did not start.");
    }

    /// <summary>Peak resident set size (VmHWM) in MB.</summary>
    public long PeakRssMegabytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
            }
        }

        return -1;
    }

    /// <summary>CPU time used so far by all the server's threads (user + system, from /proc).</summary>
    public TimeSpan CpuTime() => ReadCpuTime(_process.Id);

    public static TimeSpan ReadCpuTime(int processId)
    {
        var (user, kernel) = ReadCpuTicks($"/proc/{processId}/stat");
        return TimeSpan.FromSeconds((user + kernel) / (double)ClockTicksPerSecond);
    }

    /// <summary>User and kernel CPU ticks (USER_HZ) from a process's or a thread's stat file.</summary>
    public static (long User, long Kernel) ReadCpuTicks(string statFile)
    {
        // The command name may hold spaces, so count fields after its closing parenthesis.
        var stat = File.ReadAllText(statFile);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture), long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Bytes the server has caused to be written to storage so far (write_bytes in /proc/PID/io; sockets are not counted).</summary>
    public long WrittenBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/io"))
        {
            if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
            {
                return long.Parse(line["write_bytes:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>USER_HZ, which is 100 on every Linux this runs on.</summary>
    private const int ClockTicksPerSecond = 100;

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
