using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Infrastructure.Email;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Notifications;

/// <summary>
/// Sends the alerts. Woken by the outbox signal (or its own clock), it makes pending outbox messages
/// into one alert when the schedule allows (<see cref="AlertSchedule"/>), and sends every due
/// delivery: one e-mail per recipient that counts what arrived, never content. A delivery is removed
/// only after the mail server has accepted it; until then it is retried with exponential backoff and
/// jitter, with the same Message-ID. When to retry is held in memory (a stored retry time would date
/// the alert, and so the report): after a restart every waiting delivery is tried at once, and with
/// several instances each keeps its own backoff. One instance sends at a time.
/// </summary>
public sealed partial class AlertSender(
    IDbContextFactory<ReportingDbContext> contexts,
    IMailTransport transport,
    AlertComposer composer,
    AlertRecipients recipients,
    Administrations.AdministrationCatalogue administrations,
    AlertSchedule schedule,
    OutboxSignal signal,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<AlertSender> logger,
    Infrastructure.Telemetry.ReportingMetrics? metrics = null) : BackgroundService
{
    private const int DeliveriesPerCycle = 100;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMinutes(1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, DateTimeOffset> _retryAt = new();
    private DateTimeOffset? _pendingSince;
    private bool _warnedNoRecipients;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await SendDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogCycleFailed(logger, exception.GetType().Name);
                wait = TimeSpan.FromSeconds(options.Value.RetryInitialSeconds);
            }

            try
            {
                await WaitForNextCycleAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Waits until the next cycle is due or a new message starts a coalescing window. While a window
    /// is open the cycle already knows when it may send, so a new message only joins the window:
    /// under a burst the sender does not wake and query on every commit.
    /// </summary>
    private async Task WaitForNextCycleAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        var until = time.GetUtcNow() + wait;
        while (until - time.GetUtcNow() is var remaining && remaining > TimeSpan.Zero)
        {
            if (!await signal.WaitAsync(remaining, time, stoppingToken))
            {
                return; // the cycle's time has come
            }

            if (_pendingSince is null)
            {
                _pendingSince = time.GetUtcNow(); // the coalescing window starts with the first new message
                return;
            }
        }
    }

    /// <summary>One cycle: maybe a new alert, then the due deliveries. Returns how long to wait before the next.</summary>
    internal async Task<TimeSpan> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var job = await db.BeginExclusiveJobAsync(ExclusiveJob.AlertSender, cancellationToken);
        if (job is null)
        {
            return TimeSpan.FromSeconds(1); // another instance is sending
        }

        var now = time.GetUtcNow();
        var next = now + IdlePoll;
        if (await AlertBatches.AnyPendingAsync(db, cancellationToken))
        {
            _pendingSince ??= now;
            var allowedAt = await schedule.AllowedAtAsync(db, now, _pendingSince.Value, cancellationToken);
            if (allowedAt <= now)
            {
                await MakeAlertAsync(db, now, cancellationToken);
            }
            else
            {
                next = Earliest(next, allowedAt);
            }
        }
        else
        {
            _pendingSince = null;
        }

        var due = await AlertBatches.DueAsync(db, id => !_retryAt.TryGetValue(id, out var at) || at <= now, DeliveriesPerCycle, cancellationToken);
        if (due.Count > 0)
        {
            await DeliverAsync(db, due, now, cancellationToken);
        }

        await job.CompleteAsync(CancellationToken.None);
        if (due.Count == DeliveriesPerCycle)
        {
            return TimeSpan.Zero; // more are due: go on at once
        }

        if (!_retryAt.IsEmpty)
        {
            // Forget retries of deliveries that are gone (accepted through another instance).
            var waiting = (await AlertBatches.WaitingAsync(db, CancellationToken.None)).ToHashSet();
            foreach (var id in _retryAt.Keys.Where(id => !waiting.Contains(id)))
            {
                _retryAt.TryRemove(id, out _);
            }

            if (!_retryAt.IsEmpty)
            {
                next = Earliest(next, _retryAt.Values.Min());
            }
        }

        return next <= now ? TimeSpan.Zero : next - now;
    }

    /// <summary>One alert per administration with messages waiting, to that administration's recipients only.</summary>
    private async Task MakeAlertAsync(ReportingDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var made = false;
        foreach (var stored in await AlertBatches.PendingAdministrationsAsync(db, cancellationToken))
        {
            var administration = administrations.Of(stored);
            var to = await recipients.GetAsync(administration, cancellationToken);
            if (to.Count == 0)
            {
                if (!_warnedNoRecipients)
                {
                    LogNoRecipients(logger);
                    _warnedNoRecipients = true;
                }

                continue;
            }

            _warnedNoRecipients = false;
            var counts = await AlertBatches.TakePendingAsync(db, administration, to, cancellationToken);
            if (counts is not null)
            {
                made = true;
                LogAlertMade(logger, counts.Values.Sum(), to.Count);
            }
        }

        if (made)
        {
            await schedule.RecordAsync(db, now, cancellationToken);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        _pendingSince = null;
    }

    /// <summary>
    /// Sends each due delivery over one session; an accepted one is removed, the first failure is
    /// recorded for retry and ends the session (the server is down or refusing).
    /// </summary>
    private async Task DeliverAsync(ReportingDbContext db, List<AlertDelivery> due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batchIds = due.Select(d => d.BatchId).Distinct().ToList();
        var batches = await db.AlertBatches.AsNoTracking().Where(b => batchIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        IMailSession? session = null;
        try
        {
            foreach (var delivery in due)
            {
                try
                {
                    session ??= await transport.OpenAsync(cancellationToken);
                    await session.SendAsync(composer.Compose(delivery.MessageId, batches[delivery.BatchId].CountsByType(), delivery.Recipient), cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    delivery.Attempts++;
                    _retryAt[delivery.Id] = now + Backoff(delivery.Attempts);
                    delivery.LastError = Describe(exception);
                    LogSendFailed(logger, delivery.MessageId, delivery.Attempts, delivery.LastError);
                    metrics?.AlertFailed();
                    break;
                }

                db.AlertDeliveries.Remove(delivery);
                _retryAt.TryRemove(delivery.Id, out _);
                LogSent(logger, delivery.MessageId);
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await AlertBatches.DeleteDeliveredAsync(db, CancellationToken.None);
        metrics?.AlertQueue(await db.AlertDeliveries.CountAsync(CancellationToken.None));
    }

    private TimeSpan Backoff(int attempts)
    {
        var settings = options.Value;
        var seconds = Math.Min(settings.RetryMaxSeconds, settings.RetryInitialSeconds * Math.Pow(2, Math.Min(attempts - 1, 30)));
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>The kind of failure (type and SMTP status), never a message text that might quote data.</summary>
    private static string Describe(Exception exception) => exception switch
    {
        MailKit.Net.Smtp.SmtpCommandException smtp => $"SMTP {(int)smtp.StatusCode} {smtp.ErrorCode}",
        _ => exception.GetType().Name,
    };

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Alert {MessageId} accepted")]
    private static partial void LogSent(ILogger logger, string messageId);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Alert {MessageId} not sent (attempt {Attempt}): {Failure}; it will be retried")]
    private static partial void LogSendFailed(ILogger logger, string messageId, int attempt, string failure);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Alerts wait for a recipient: set Notifications:Recipients or add a coordinator")]
    private static partial void LogNoRecipients(ILogger logger);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "The alert sender failed a cycle ({ExceptionType}); it will try again")]
    private static partial void LogCycleFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "An alert counting {Messages} messages is made for {Recipients} recipients")]
    private static partial void LogAlertMade(ILogger logger, int messages, int recipients);
}
