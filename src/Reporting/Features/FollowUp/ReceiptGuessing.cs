using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Reporting.Pipeline;

namespace Reporting.Features.FollowUp;

/// <summary>
/// Makes guessing receipts not pay: failed look-ups are counted per client (a keyed hash of its
/// address with a per-process key, held in memory only and never stored or logged) and for
/// everyone together, and past either limit every look-up gets a 429 with Retry-After until the
/// window has passed. Successful look-ups do not count. Counted in memory per instance.
/// </summary>
public sealed class ReceiptGuessing(IOptions<FollowUpOptions> options, TimeProvider time)
{
    private static readonly TimeSpan GlobalWindow = TimeSpan.FromMinutes(1);
    private readonly object _gate = new();
    private readonly Queue<DateTimeOffset> _recentFailures = new();
    private readonly ConcurrentDictionary<string, ClientFailures> _clients = new(StringComparer.Ordinal);

    /// <summary>Refuses the look-up with a 429 when this client or everyone together has failed too often lately.</summary>
    public void ThrowIfBlocked(string client)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        lock (_gate)
        {
            Forget(now);
            if (_recentFailures.Count >= settings.FailedLookupsPerMinute)
            {
                throw Refused(_recentFailures.Peek() + GlobalWindow - now);
            }
        }

        if (_clients.TryGetValue(client, out var failures) && failures.Blocks(now, settings, out var wait))
        {
            throw Refused(wait);
        }
    }

    public void RecordFailure(string client)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Forget(now);
            _recentFailures.Enqueue(now);
        }

        var window = TimeSpan.FromMinutes(options.Value.ClientWindowMinutes);
        _clients.AddOrUpdate(client, _ => new ClientFailures(now, 1), (_, known) => known.Add(now, window));
        if (_clients.Count > 100_000)
        {
            // An address-rotating guesser cannot grow this without bound: expired windows go.
            foreach (var (key, value) in _clients)
            {
                if (now - value.Since >= window)
                {
                    _clients.TryRemove(key, out _);
                }
            }
        }
    }

    private void Forget(DateTimeOffset now)
    {
        while (_recentFailures.Count > 0 && now - _recentFailures.Peek() >= GlobalWindow)
        {
            _recentFailures.Dequeue();
        }
    }

    private static TooManyAttemptsException Refused(TimeSpan wait) =>
        new("Too many receipt look-ups that found nothing; try again later.", wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);

    /// <summary>A client's failures in its current window (a fixed window that starts at its first failure).</summary>
    private sealed record ClientFailures(DateTimeOffset Since, int Count)
    {
        public ClientFailures Add(DateTimeOffset now, TimeSpan window) => now - Since >= window ? new(now, 1) : this with { Count = Count + 1 };

        public bool Blocks(DateTimeOffset now, FollowUpOptions settings, out TimeSpan wait)
        {
            var window = TimeSpan.FromMinutes(settings.ClientWindowMinutes);
            wait = Since + window - now;
            return wait > TimeSpan.Zero && Count >= settings.FailedLookupsPerClient;
        }
    }
}
