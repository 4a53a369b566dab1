using System.Diagnostics;
using System.Net.Http.Headers;

namespace Reporting.Benchmarks;

/// <summary>Closed-loop HTTP load: N connections, each posting the same body as fast as answers come back.</summary>
public static class LoadGenerator
{
    public sealed record Result(int Connections, long Requests, long Errors, TimeSpan Elapsed, double P50Ms, double P99Ms)
    {
        public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

        /// <summary>The server's CPU time (all its threads) per answered request while recording.</summary>
        public double ServerCpuMicrosecondsPerRequest { get; init; } = double.NaN;

        /// <summary>What the server wrote to storage per answered request while recording (log, checkpoints, files).</summary>
        public double ServerWrittenKilobytesPerRequest { get; init; } = double.NaN;

        /// <summary>The server's time by part (request threads, writer, checkpointer…) while recording; empty if not read.</summary>
        public IReadOnlyList<ServerParts.PartTime> Parts { get; init; } = [];

        /// <summary>The whole machine while recording (load generator included), if the server's parts were read.</summary>
        public ServerParts.MachineTime? Machine { get; init; }
    }

    /// <summary>
    /// Warms up, then records; <paramref name="serverCpuTime"/> and <paramref name="serverWrittenBytes"/>
    /// (if given) read the server's CPU time and bytes written to storage so far, <paramref name="serverParts"/>
    /// its time by part (<see cref="ServerParts"/>).
    /// </summary>
    public static async Task<Result> RunAsync(
        Uri url, byte[] body, int connections, TimeSpan warmUp, TimeSpan duration, Func<TimeSpan>? serverCpuTime = null, Func<long>? serverWrittenBytes = null, Func<ServerParts.Snapshot>? serverParts = null)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        await DriveAsync(client, url, body, connections, warmUp, record: false);
        var cpuBefore = serverCpuTime?.Invoke();
        var writtenBefore = serverWrittenBytes?.Invoke();
        var partsBefore = serverParts?.Invoke();
        var result = await DriveAsync(client, url, body, connections, duration, record: true);
        if (result.Requests == 0)
        {
            return result;
        }

        var (parts, machine) = partsBefore is { } partsStart ? ServerParts.Between(partsStart, serverParts!(), result.Requests, result.Elapsed) : ([], null);
        return result with
        {
            Parts = parts,
            Machine = machine,
            ServerCpuMicrosecondsPerRequest = cpuBefore is { } before ? (serverCpuTime!() - before).TotalMicroseconds / result.Requests : double.NaN,
            ServerWrittenKilobytesPerRequest = writtenBefore is { } written ? (serverWrittenBytes!() - written) / 1024.0 / result.Requests : double.NaN,
        };
    }

    private static async Task<Result> DriveAsync(HttpClient client, Uri url, byte[] body, int connections, TimeSpan duration, bool record)
    {
        var latencies = new List<double>[connections];
        long errors = 0;
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < until)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.PostAsync(url, content);
                    await response.Content.ReadAsByteArrayAsync();
                    if ((int)response.StatusCode != 201)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                if (record)
                {
                    mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
            }
        });
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new Result(connections, all.Count, errors, elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
}
