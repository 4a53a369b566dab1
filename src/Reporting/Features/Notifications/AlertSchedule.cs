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
/// where that old setting is used. Daily: once a day, at <c>DailyAt</c> local time, so a mailbox
/// reveals no more than the day; only that day is kept.
/// </summary>
public sealed class AlertSchedule(IOptions<NotificationOptions> options, OrganisationProfile organisation)
{
    /// <summary>When an alert may be made of messages pending since <paramref name="pendingSince"/> (at or before <paramref name="now"/>: now).</summary>
    public async Task<DateTimeOffset> AllowedAtAsync(ReportingDbContext db, DateTimeOffset now, DateTimeOffset pendingSince, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.IsDaily)
        {
            var today = organisation.Today();
            var lastDay = await ReadAsync(db, ServiceState.LastAlertDay, cancellationToken);
            var day = lastDay == today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ? today.AddDays(1) : today;
            var at = organisation.LocalInstant(day, settings.DailyTime);
            return at < now ? now : at;
        }

        var allowed = pendingSince + TimeSpan.FromSeconds(settings.CoalesceSeconds);
        if (settings.DigestMinutes > 0 && await ReadAsync(db, ServiceState.LastAlertSentAt, cancellationToken) is { } last
            && DateTimeOffset.TryParse(last, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var lastAt))
        {
            var next = lastAt + TimeSpan.FromMinutes(settings.DigestMinutes);
            allowed = next > allowed ? next : allowed;
        }

        return allowed;
    }

    /// <summary>Remembers that an alert was made now: the day (daily), or the time for the old digest period.</summary>
    public async Task RecordAsync(ReportingDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.IsDaily)
        {
            await WriteAsync(db, ServiceState.LastAlertDay, organisation.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken);
        }
        else if (settings.DigestMinutes > 0)
        {
            await WriteAsync(db, ServiceState.LastAlertSentAt, now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), cancellationToken);
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
