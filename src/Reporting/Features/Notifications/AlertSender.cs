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
        writer.OutboxWritten += Wake;
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
                await _wake.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends what is due; returns how long to wait before looking again.</summary>
    internal async Task<TimeSpan> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var now = _time.GetUtcNow().UtcDateTime;
        var pending = await db.Outbox.Where(o => o.SentAt == null).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return IdlePoll;
        }

        var recipients = await _recipients.GetAsync(cancellationToken);
        if (recipients.Count == 0)
        {
            if (!_warnedNoRecipients)
            {
                LogNoRecipients(_logger, pending.Count);
                _warnedNoRecipients = true;
            }

            return IdlePoll;
        }

        var due = pending.Where(o => o.NextAttemptAt is null || o.NextAttemptAt <= now).ToList();
        if (due.Count == 0)
        {
            return Until(pending.Min(o => o.NextAttemptAt!.Value), now);
        }

        if (settings.DigestMinutes > 0)
        {
            var nextDigest = await LastSentAtAsync(db, cancellationToken) + TimeSpan.FromMinutes(settings.DigestMinutes);
            if (nextDigest > now)
            {
                return Until(nextDigest, now);
            }

            // One alert for everything pending. Its Message-ID is that of the alert tried longest,
            // so a retry of the same digest keeps its identity.
            var digestId = pending.OrderByDescending(o => o.Attempts).ThenBy(o => o.Id).First().MessageId;
            await SendAsync(db, pending, digestId, pending.Count, recipients, now, cancellationToken);
            return IdlePoll;
        }

        foreach (var alert in due.OrderBy(o => o.Attempts).ThenBy(o => o.Id).Take(BatchSize))
        {
            if (!await SendAsync(db, [alert], alert.MessageId, 1, recipients, now, cancellationToken))
            {
                break; // the server is down or refusing: the rest waits for the retry
            }
        }

        return due.Count > BatchSize ? TimeSpan.Zero : TimeSpan.FromSeconds(1);
    }

    private async Task<bool> SendAsync(
        ReportingDbContext db,
        IReadOnlyList<OutboxMessage> alerts,
        string messageId,
        int reportCount,
        IReadOnlyList<string> recipients,
        DateTime now,
        CancellationToken cancellationToken)
    {
        try
        {
            await using (var session = await _transport.OpenAsync(cancellationToken))
            {
                await session.SendAsync(_composer.Compose(messageId, reportCount, recipients), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var alert in alerts)
            {
                alert.Attempts++;
                alert.NextAttemptAt = now + Backoff(alert.Attempts);
                alert.LastError = Describe(exception);
            }

            await db.SaveChangesAsync(CancellationToken.None);
            LogSendFailed(_logger, messageId, alerts.Max(a => a.Attempts), Describe(exception));
            return false;
        }

        // Accepted: the alerts are done. Deleting them (rather than keeping a sent time) leaves no
        // record that could date a report more precisely than its received day.
        db.Outbox.RemoveRange(alerts);
        await SetLastSentAtAsync(db, now, CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        LogSent(_logger, messageId, reportCount, recipients.Count);
        return true;
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
