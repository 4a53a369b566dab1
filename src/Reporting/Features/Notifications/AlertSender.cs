using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Infrastructure.Email;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Features.Notifications;

/// <summary>
/// Sends the alerts that intake wrote to the outbox in each report's transaction. An alert is
/// removed only after the mail server has accepted it; until then it is retried with exponential
/// backoff and jitter, across restarts. A resend after an unknown outcome (a crash between sending
/// and marking) carries the same Message-ID, so it cannot look like a new alert. In digest mode at
/// most one alert per <c>Notifications:DigestMinutes</c> counts the reports received.
/// </summary>
public sealed partial class AlertSender : BackgroundService
{
    private const int BatchSize = 100;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CoalesceDelay = TimeSpan.FromMilliseconds(250);

    private readonly IDbContextFactory<ReportingDbContext> _contexts;
    private readonly IMailTransport _transport;
    private readonly AlertComposer _composer;
    private readonly AlertRecipients _recipients;
    private readonly IOptions<NotificationOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertSender> _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private bool _warnedNoRecipients;

    public AlertSender(
        IDbContextFactory<ReportingDbContext> contexts,
        IMailTransport transport,
        AlertComposer composer,
        AlertRecipients recipients,
        IOptions<NotificationOptions> options,
        TimeProvider time,
        ReportWriter writer,
        ILogger<AlertSender> logger)
    {
        _contexts = contexts;
        _transport = transport;
        _composer = composer;
        _recipients = recipients;
        _options = options;
        _time = time;
        _logger = logger;
        writer.Committed += Wake;
    }

    /// <summary>New alerts were committed: look now rather than at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller woke it first; once is enough.
            }
        }
    }

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
                LogCycleFailed(_logger, exception.GetType().Name);
                wait = TimeSpan.FromSeconds(_options.Value.RetryInitialSeconds);
            }

            try
            {
                if (await _wake.WaitAsync(wait, stoppingToken))
                {
                    // Woken by intake: gather what else arrives meanwhile, so a burst of reports
                    // costs one send cycle (and one write transaction), not one per commit.
                    await Task.Delay(CoalesceDelay, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sends what is due over one session and records the outcome in one transaction, so the
    /// sender never contends with intake for SQLite's write lock more than once per cycle.
    /// Returns how long to wait before looking again.
    /// </summary>
    internal async Task<TimeSpan> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        // PostgreSQL (several instances): one sender at a time, so each alert and each digest goes out
        // once; the lock lasts for this cycle's transaction and is released at its end or if the
        // process dies. SQLite has one instance, and a long read transaction there would go stale
        // under intake's commits, so the cycle stays outside one.
        await using var cycle = db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (!await InstanceLock.TryTakeAsync(db, InstanceLock.Job.AlertSender, cancellationToken))
        {
            return TimeSpan.FromSeconds(1);
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var digest = settings.DigestMinutes > 0;
        if (digest)
        {
            var nextDigest = await LastSentAtAsync(db, cancellationToken) + TimeSpan.FromMinutes(settings.DigestMinutes);
            if (nextDigest > now)
            {
                return Until(nextDigest, now);
            }
        }

        var due = await DueAsync(db, now, digest ? int.MaxValue : BatchSize, cancellationToken);
        if (due.Count == 0)
        {
            var next = await db.Outbox.Where(o => o.SentAt == null).MinAsync(o => o.NextAttemptAt, cancellationToken);
            return next is null ? IdlePoll : Until(next.Value, now);
        }

        var recipients = await _recipients.GetAsync(cancellationToken);
        if (recipients.Count == 0)
        {
            if (!_warnedNoRecipients)
            {
                LogNoRecipients(_logger, due.Count);
                _warnedNoRecipients = true;
            }

            return IdlePoll;
        }

        // Digest: one alert for everything pending, at most once per period. Its Message-ID is that
        // of the alert tried longest (first in the order of DueAsync), so a retry keeps its identity.
        var messages = digest
            ? [(Alerts: (IReadOnlyList<OutboxMessage>)due, MessageId: due[0].MessageId)]
            : due.Select(alert => (Alerts: (IReadOnlyList<OutboxMessage>)[alert], alert.MessageId)).ToList();

        var sent = await SendAsync(db, messages, recipients, now, cancellationToken);
        if (sent > 0)
        {
            await SetLastSentAtAsync(db, now, CancellationToken.None);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        if (cycle is not null)
        {
            await cycle.CommitAsync(CancellationToken.None);
        }
        return sent == messages.Count && due.Count == BatchSize && !digest ? TimeSpan.Zero : TimeSpan.FromSeconds(1);
    }

    /// <summary>
    /// Sends each message; an accepted one's alerts are removed, the first failure is recorded for
    /// retry and ends the session (the server is down or refusing). Returns how many were accepted.
    /// </summary>
    private async Task<int> SendAsync(
        ReportingDbContext db,
        IReadOnlyList<(IReadOnlyList<OutboxMessage> Alerts, string MessageId)> messages,
        IReadOnlyList<string> recipients,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var sent = 0;
        IMailSession? session = null;
        try
        {
            foreach (var (alerts, messageId) in messages)
            {
                try
                {
                    session ??= await _transport.OpenAsync(cancellationToken);
                    await session.SendAsync(_composer.Compose(messageId, alerts.Count, recipients), cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    foreach (var alert in alerts)
                    {
                        alert.Attempts++;
                        alert.NextAttemptAt = now + Backoff(alert.Attempts);
                        alert.LastError = Describe(exception);
                    }

                    LogSendFailed(_logger, messageId, alerts.Max(a => a.Attempts), Describe(exception));
                    break;
                }

                // Accepted: the alerts are done. Deleting them (rather than keeping a sent time)
                // leaves no record that could date a report more precisely than its received day.
                db.Outbox.RemoveRange(alerts);
                sent++;
                LogSent(_logger, messageId, alerts.Count, recipients.Count);
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }

        return sent;
    }

    /// <summary>
    /// Alerts due now: retries first (the longest tried first), then new alerts. Two index look-ups rather than one sorted query, so a cycle costs the same
    /// with a hundred or a hundred thousand alerts waiting after a burst of reports.
    /// </summary>
    private static async Task<List<OutboxMessage>> DueAsync(ReportingDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.Outbox
            .Where(o => o.SentAt == null && o.NextAttemptAt != null && o.NextAttemptAt <= now)
            .OrderByDescending(o => o.Attempts).ThenBy(o => o.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        if (due.Count < limit)
        {
            // New alerts have no NextAttemptAt; the (SentAt, NextAttemptAt) index finds them without a
            // sort (the OrderBy on that constant key only keeps EF from warning about Take). Equal
            // keys come in row order, so in practice oldest first; nothing depends on that order.
            due.AddRange(await db.Outbox
                .Where(o => o.SentAt == null && o.NextAttemptAt == null)
                .OrderBy(o => o.NextAttemptAt)
                .Take(limit - due.Count)
                .ToListAsync(cancellationToken));
        }

        return due;
    }

    private TimeSpan Backoff(int attempts)
    {
        var settings = _options.Value;
        var seconds = Math.Min(settings.RetryMaxSeconds, settings.RetryInitialSeconds * Math.Pow(2, Math.Min(attempts - 1, 30)));
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    private static TimeSpan Until(DateTime when, DateTime now) =>
        when <= now ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min((when - now).Ticks, IdlePoll.Ticks));

    private static async Task<DateTime> LastSentAtAsync(ReportingDbContext db, CancellationToken cancellationToken)
    {
        var state = await db.State.FindAsync([ServiceState.LastAlertSentAt], cancellationToken);
        return state is not null && DateTime.TryParse(state.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : DateTime.MinValue;
    }

    private static async Task SetLastSentAtAsync(ReportingDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var value = now.ToString("O", CultureInfo.InvariantCulture);
        var state = await db.State.FindAsync([ServiceState.LastAlertSentAt], cancellationToken);
        if (state is null)
        {
            db.State.Add(new ServiceState { Name = ServiceState.LastAlertSentAt, Value = value });
        }
        else
        {
            state.Value = value;
        }
    }

    /// <summary>The kind of failure (type and SMTP status), never a message text that might quote data.</summary>
    private static string Describe(Exception exception) => exception switch
    {
        MailKit.Net.Smtp.SmtpCommandException smtp => $"SMTP {(int)smtp.StatusCode} {smtp.ErrorCode}",
        _ => exception.GetType().Name,
    };

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Alert {MessageId} accepted for {Recipients} recipients ({Reports} reports)")]
    private static partial void LogSent(ILogger logger, string messageId, int reports, int recipients);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Alert {MessageId} not sent (attempt {Attempt}): {Failure}; it will be retried")]
    private static partial void LogSendFailed(ILogger logger, string messageId, int attempt, string failure);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "{Pending} alerts wait for a recipient: set Notifications:Recipients or add a coordinator")]
    private static partial void LogNoRecipients(ILogger logger, int pending);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "The alert sender failed a cycle ({ExceptionType}); it will try again")]
    private static partial void LogCycleFailed(ILogger logger, string exceptionType);
}
