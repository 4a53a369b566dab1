using System.Diagnostics;

namespace Reporting.Benchmarks;

/// <summary>Runs an operation repeatedly for a fixed time and reports throughput, latency percentiles and memory.</summary>
public sealed record Measurement(string Name, long Operations, long Bytes, TimeSpan Elapsed, double P50Microseconds, double P99Microseconds, long AllocatedBytes, long PeakWorkingSet)
{
    public double MegabytesPerSecond => Bytes / Elapsed.TotalSeconds / 1_000_000;

    public double OperationsPerSecond => Operations / Elapsed.TotalSeconds;

    public static Measurement Run(string name, IReadOnlyList<string> inputs, Func<string, int> operation, TimeSpan duration)
    {
        // Warm-up so the JIT's tiers and regex caches settle before timing.
        var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 2;
        var sink = 0;
        for (var i = 0; Stopwatch.GetTimestamp() < warmUntil; i++)
        {
            sink += operation(inputs[i % inputs.Count]);
        }

        var latencies = new List<double>(1 << 16);
        long bytes = 0, operations = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        for (var i = 0; Stopwatch.GetTimestamp() < until; i++)
        {
            var input = inputs[i % inputs.Count];
            var t0 = Stopwatch.GetTimestamp();
            sink += operation(input);
            latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
            bytes += System.Text.Encoding.UTF8.GetByteCount(input);
            operations++;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        latencies.Sort();
        GC.KeepAlive(sink);
        return new Measurement(name, operations, bytes, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99), allocated, Process.GetCurrentProcess().PeakWorkingSet64);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
}
