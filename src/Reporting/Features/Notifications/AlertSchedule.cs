using System.Globalization;
using Microsoft.Extensions.Options;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Persistence.Records;
using Reporting.Features.Organisation;

namespace Reporting.Features.Notifications;

/// <summary>
/// When pending messages may become an alert. Immediate: once they have waited
/// <c>Notifications:CoalesceSeconds</c> (so a burst, a backlog after an outage or the first
/// coordinator's arrival is one e-mail), and no sooner than <c>DigestMinutes</c> after the last one
/// where that old setting is used. Daily: only at <c>DailyAt</c> local time, never at another time of
/// day: a report that arrives after the day's time (with no alert yet that day) waits for tomorrow's,
/// so a mailbox reveals no more than the day. Only that day is stored; the digest's last alert time
/// is held in memory (a time about when reports came is never stored).
/// </summary>
public sealed class AlertSchedule(IOptions<NotificationOptions> options, OrganisationProfile organisation)
{
    /// <summary>
    /// How late after <c>DailyAt</c> the day's alert may still be made: the sender's timer wakes a little
    /// after the time it asked for, and a start within this minute still sends the day's alert.
    /// </summary>
    public static readonly TimeSpan DailySlack = TimeSpan.FromMinutes(1);

    private DateTimeOffset? _lastDigestAlert;

    /// <summary>When an alert may be made of messages pending since <paramref name="pendingSince"/> (at or before <paramref name="now"/>: now).</summary>
    public async Task<DateTimeOffset> AllowedAtAsync(ReportingDbContext db, DateTimeOffset now, DateTimeOffset pendingSince, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.IsDaily)
        {
            var today = organisation.Today();
            var lastDay = await ReadAsync(db, ServiceState.LastAlertDay, cancellationToken);
            var at = organisation.LocalInstant(today, settings.DailyTime);
            var sentToday = lastDay == today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            // Today's time, unless today's alert went out or its minute has passed: then tomorrow's.
            return !sentToday && now < at + DailySlack ? at : organisation.LocalInstant(today.AddDays(1), settings.DailyTime);
        }

        var allowed = pendingSince + TimeSpan.FromSeconds(settings.CoalesceSeconds);
        if (settings.DigestMinutes > 0 && _lastDigestAlert is { } last)
        {
            var next = last + TimeSpan.FromMinutes(settings.DigestMinutes);
            allowed = next > allowed ? next : allowed;
        }

        return allowed;
    }

    /// <summary>Remembers that an alert was made now: the day (daily, stored), or the time for the old digest period (in memory).</summary>
    public async Task RecordAsync(ReportingDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.IsDaily)
        {
            await WriteAsync(db, ServiceState.LastAlertDay, organisation.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken);
        }
        else if (settings.DigestMinutes > 0)
        {
            _lastDigestAlert = now;
        }
    }

    private static async Task<string?> ReadAsync(ReportingDbContext db, string name, CancellationToken cancellationToken) =>
        (await db.State.FindAsync([name], cancellationToken))?.Value;

    private static async Task WriteAsync(ReportingDbContext db, string name, string value, CancellationToken cancellationToken)
    {
        var state = await db.State.FindAsync([name], cancellationToken);
        if (state is null)
        {
            db.State.Add(new ServiceState { Name = name, Value = value });
        }
        else
        {
            state.Value = value;
        }
    }
}
