namespace Reporting.Features.Notifications;

/// <summary>
/// Something was committed to the outbox: the sender should look now rather than at its next poll.
/// Notifications owns it; whatever writes to the outbox signals after its commit.
/// </summary>
public interface IOutboxSignal
{
    void Notify();
}

/// <summary>The signal as a one-slot semaphore: many notifications before the sender looks wake it once.</summary>
public sealed class OutboxSignal : IOutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another writer signalled first; once is enough.
            }
        }
    }

    /// <summary>
    /// Waits for a notification or until <paramref name="timeout"/> has passed on <paramref name="time"/>
    /// (the service's clock, which tests advance); true when notified.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (_signal.Wait(0, CancellationToken.None))
        {
            return true;
        }

        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var notified = _signal.WaitAsync(both.Token);
        await Task.WhenAny(notified, Task.Delay(timeout, time, both.Token));
        await both.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await notified;
            return true; // also when the signal came just as the time ran out: it is taken either way
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
