using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Reporting.Pipeline;

namespace Reporting.Features.FollowUp;

/// <summary>
/// Makes guessing receipts not pay without letting guessers lock reporters out.
/// <list type="bullet">
/// <item>Per client (a keyed hash of its address with a per-process key, in memory only, never stored
/// or logged): every look-up is counted before it is made and given back when it finds a report, so
/// concurrent guesses cannot all pass the check before any is counted; past
/// <c>FollowUp:FailedLookupsPerClient</c> misses in the window, that client gets 429.</item>
/// <item>For everyone together: past <c>FollowUp:FailedLookupsPerMinute</c> misses in the last minute,
/// each further miss is answered only after its turn in a slow lane (one miss at a time,
/// <see cref="SlowLaneInterval"/> apart; with the lane full, a miss is answered 429 at once). A look-up
/// that finds a report never waits there, so a valid receipt is never refused because others guessed
/// wrongly.</item>
/// </list>
/// Counted in memory per instance.
/// </summary>
public sealed class ReceiptGuessing(IOptions<FollowUpOptions> options, TimeProvider time)
{
    /// <summary>How far apart slowed misses are answered: everyone's guesses together are held to one per this.</summary>
    public static readonly TimeSpan SlowLaneInterval = TimeSpan.FromSeconds(2);

    /// <summary>Misses that may wait in the slow lane at once (each holds a request open).</summary>
    public const int SlowLaneCapacity = 64;

    private static readonly TimeSpan GlobalWindow = TimeSpan.FromMinutes(1);
    private readonly object _gate = new();
    private readonly Queue<DateTimeOffset> _recentFailures = new();
    private readonly ConcurrentDictionary<string, ClientAttempts> _clients = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slowLane = new(1, 1);
    private int _waiting;

    /// <summary>
    /// Counts a look-up by this client before it is made, and refuses it with a 429 when the client's
    /// misses in its window (this one counted) exceed the limit. <see cref="Found"/> gives it back.
    /// </summary>
    public void Begin(string client)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var window = TimeSpan.FromMinutes(settings.ClientWindowMinutes);
        var attempts = _clients.AddOrUpdate(client, _ => new ClientAttempts(now, 1), (_, known) => known.Add(now, window));
        if (attempts.Count > settings.FailedLookupsPerClient)
        {
            // Refused before the look-up: it is not made, so it gives nothing back and stays counted.
            throw Refused(attempts.Since + window - now);
        }

        ForgetExpired(now, window);
    }

    /// <summary>The look-up found a report: it does not count against the client.</summary>
    public void Found(string client) =>
        _clients.AddOrUpdate(client, _ => new ClientAttempts(time.GetUtcNow(), 0), (_, known) => known with { Count = Math.Max(0, known.Count - 1) });

    /// <summary>
    /// The look-up found nothing: counted for everyone together, and past the minute's limit answered
    /// only after its turn in the slow lane (or at once with a 429 when the lane is full).
    /// </summary>
    public async Task MissedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        bool slowed;
        lock (_gate)
        {
            while (_recentFailures.Count > 0 && now - _recentFailures.Peek() >= GlobalWindow)
            {
                _recentFailures.Dequeue();
            }

            _recentFailures.Enqueue(now);
            slowed = _recentFailures.Count > options.Value.FailedLookupsPerMinute;
        }

        if (!slowed)
        {
            return;
        }

        if (Interlocked.Increment(ref _waiting) > SlowLaneCapacity)
        {
            Interlocked.Decrement(ref _waiting);
            throw Refused(SlowLaneInterval * SlowLaneCapacity);
        }

        try
        {
            await _slowLane.WaitAsync(cancellationToken);
            try
            {
                await Task.Delay(SlowLaneInterval, time, cancellationToken);
            }
            finally
            {
                _slowLane.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>An address-rotating guesser cannot grow the table without bound: expired windows go.</summary>
    private void ForgetExpired(DateTimeOffset now, TimeSpan window)
    {
        if (_clients.Count <= 100_000)
        {
            return;
        }

        foreach (var (key, value) in _clients)
        {
            if (now - value.Since >= window)
            {
                _clients.TryRemove(key, out _);
            }
        }
    }

    private static TooManyAttemptsException Refused(TimeSpan wait) =>
        new("Too many receipt look-ups that found nothing; try again later.", wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);

    /// <summary>A client's look-ups in its current window that have not found a report (a fixed window from its first).</summary>
    private sealed record ClientAttempts(DateTimeOffset Since, int Count)
    {
        public ClientAttempts Add(DateTimeOffset now, TimeSpan window) => now - Since >= window ? new(now, 1) : this with { Count = Count + 1 };
    }
}
