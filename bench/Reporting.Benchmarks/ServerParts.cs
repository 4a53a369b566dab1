using System.Globalization;

namespace Reporting.Benchmarks;

/// <summary>
/// Where a server's time goes, by the threads that do each part of the work, read from /proc:
/// CPU time (user and kernel) and, from schedstat, the time each part spent on a core and waiting
/// in the run queue for one. Also the machine's own split (idle, waiting for the disk, stolen by the
/// hypervisor), which says whether cores were left over. Linux only, as the intake suite is.
/// </summary>
public static class ServerParts
{
    /// <summary>One part's counters at a moment: ticks are USER_HZ (100 per second), times in nanoseconds.</summary>
    public sealed record PartCounters(long UserTicks, long KernelTicks, long OnCoreNanoseconds, long WaitingNanoseconds, int Threads);

    /// <summary>The service's threads by name (Linux's 15-character thread names), grouped as the work is.</summary>
    private static string PartOf(string threadName) => threadName switch
    {
        _ when threadName.StartsWith(".NET TP Worker", StringComparison.Ordinal) => "request threads",
        "Report writer" => "report writer",
        _ when threadName.StartsWith("WAL checkpoint", StringComparison.Ordinal) => "WAL checkpointer",
        _ when threadName.StartsWith(".NET Server GC", StringComparison.Ordinal) || threadName.StartsWith(".NET BGC", StringComparison.Ordinal) => "garbage collector",
        _ when threadName.StartsWith(".NET Sockets", StringComparison.Ordinal) => "socket events",
        _ => "other",
    };

    /// <summary>Every live thread of the process by its id, with its part.</summary>
    private static IReadOnlyDictionary<int, (string Part, PartCounters Counters)> Read(int processId)
    {
        var threads = new Dictionary<int, (string, PartCounters)>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{processId}/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var (user, kernel) = ServerProcess.ReadCpuTicks(Path.Combine(task, "stat"));
                var schedule = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = (PartOf(name), new PartCounters(
                    user,
                    kernel,
                    long.Parse(schedule[0], CultureInfo.InvariantCulture),
                    long.Parse(schedule[1], CultureInfo.InvariantCulture),
                    1));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The thread ended while it was read.
            }
        }

        return threads;
    }

    /// <summary>The machine's CPU counters (/proc/stat's first line: user, nice, system, idle, iowait, irq, softirq, steal).</summary>
    private static long[] ReadMachine() =>
        [.. File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture))];

    /// <summary>One part between two readings, per answered request and as a share of the run's wall time.</summary>
    public sealed record PartTime(string Part, int Threads, double UserMicrosecondsPerRequest, double KernelMicrosecondsPerRequest, double OnCorePercent, double WaitingPercent);

    /// <summary>The machine between two readings, in percent of all its cores.</summary>
    public sealed record MachineTime(double BusyPercent, double IdlePercent, double DiskWaitPercent, double StolenPercent);

    /// <summary>The threads, the whole process's CPU ticks (ended threads included) and the machine's counters.</summary>
    public sealed record Snapshot(IReadOnlyDictionary<int, (string Part, PartCounters Counters)> Threads, long ProcessTicks, long[] Machine);

    public static Snapshot Take(int processId)
    {
        var (user, kernel) = ServerProcess.ReadCpuTicks($"/proc/{processId}/stat");
        return new(Read(processId), user + kernel, ReadMachine());
    }

    /// <summary>
    /// The difference per part, thread by thread (a thread started in between counts whole). A thread
    /// that ended in between is gone from the second reading with its counters, so what the process
    /// used beyond the parts' sum is shown as its own part rather than lost.
    /// </summary>
    public static (IReadOnlyList<PartTime> Parts, MachineTime Machine) Between(Snapshot before, Snapshot after, long requests, TimeSpan elapsed)
    {
        var sums = new Dictionary<string, PartCounters>();
        foreach (var (id, (part, end)) in after.Threads)
        {
            var start = before.Threads.TryGetValue(id, out var earlier) ? earlier.Counters : new PartCounters(0, 0, 0, 0, 0);
            var delta = new PartCounters(end.UserTicks - start.UserTicks, end.KernelTicks - start.KernelTicks, end.OnCoreNanoseconds - start.OnCoreNanoseconds, end.WaitingNanoseconds - start.WaitingNanoseconds, 1);
            sums[part] = sums.TryGetValue(part, out var sum)
                ? new PartCounters(sum.UserTicks + delta.UserTicks, sum.KernelTicks + delta.KernelTicks, sum.OnCoreNanoseconds + delta.OnCoreNanoseconds, sum.WaitingNanoseconds + delta.WaitingNanoseconds, sum.Threads + 1)
                : delta;
        }

        double PerRequest(long ticks) => ticks * 10_000.0 / requests; // a tick is 10 ms
        double Share(long nanoseconds) => nanoseconds / elapsed.TotalMilliseconds / 1e6 * 100;
        var parts = sums.OrderBy(p => Order(p.Key))
            .Select(p => new PartTime(p.Key, p.Value.Threads, PerRequest(p.Value.UserTicks), PerRequest(p.Value.KernelTicks), Share(p.Value.OnCoreNanoseconds), Share(p.Value.WaitingNanoseconds)))
            .ToList();
        var ended = after.ProcessTicks - before.ProcessTicks - sums.Values.Sum(p => p.UserTicks + p.KernelTicks);
        if (ended > 0)
        {
            // Ticks are rounded per thread, so a few may show up here even when no thread ended.
            parts.Add(new PartTime("threads ended during the run", 0, PerRequest(ended), double.NaN, double.NaN, double.NaN));
        }

        var cpu = after.Machine.Zip(before.Machine, (a, b) => (double)(a - b)).ToArray();
        var total = cpu.Sum();
        var idle = cpu[3];
        var diskWait = cpu[4];
        var stolen = cpu[7];
        var machine = new MachineTime((total - idle - diskWait - stolen) / total * 100, idle / total * 100, diskWait / total * 100, stolen / total * 100);
        return (parts, machine);
    }

    private static int Order(string part) => part switch
    {
        "request threads" => 0,
        "report writer" => 1,
        "WAL checkpointer" => 2,
        "garbage collector" => 3,
        "socket events" => 4,
        _ => 5,
    };
}
