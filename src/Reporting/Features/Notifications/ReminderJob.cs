using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Features.Reports.Indexing;
using Reporting.Infrastructure.Jobs;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Features.Notifications;

/// <summary>
/// Once a day, counts the reports left unassessed or open too long (<see cref="ReminderRules"/>) and
/// puts that many reminders in the outbox, so every coordinator gets them counted in the next alert:
/// counts only, at most once a day, and once for all instances (an exclusive job; the day it last
/// ran is stored, a day and never a time).
/// </summary>
public sealed partial class ReminderJob(
    IDbContextFactory<ReportingDbContext> contexts,
    ReportIndex index,
    ReminderRules rules,
    AuditLog audit,
    IOutboxSignal outbox,
    OrganisationProfile organisation,
    TimeProvider time,
    ILogger<ReminderJob> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override Task RunAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    /// <summary>Today's reminders, unless they went out already today; returns how many reports they count.</summary>
    public async Task<(int NotAssessed, int Open)> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (rules.NewAfterDays == 0 && rules.OpenAfterDays == 0)
        {
            return (0, 0);
        }

        var today = organisation.Today().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var job = await db.BeginExclusiveJobAsync(ExclusiveJob.Reminders, cancellationToken);
        if (job is null)
        {
            return (0, 0); // another instance is at it
        }

        var last = await db.State.SingleOrDefaultAsync(s => s.Name == ServiceState.LastReminderDay, cancellationToken);
        if (last?.Value == today)
        {
            return (0, 0);
        }

        var snapshot = await index.CurrentAsync(cancellationToken);
        // One message per report, in its administration: each administration's coordinators are reminded of their own.
        var stillNew = snapshot.OldestFirst.Where(rules.NotAssessedInTime).Select(r => OutboxMessage.New(Reminders.StillNew, r.Administration)).ToList();
        var stillOpen = snapshot.OldestFirst.Where(rules.OpenTooLong).Select(r => OutboxMessage.New(Reminders.StillOpen, r.Administration)).ToList();
        var (notAssessed, open) = (stillNew.Count, stillOpen.Count);
        db.Outbox.AddRange(stillNew);
        db.Outbox.AddRange(stillOpen);
        if (last is null)
        {
            db.State.Add(new ServiceState { Name = ServiceState.LastReminderDay, Value = today });
        }
        else
        {
            last.Value = today;
        }

        if (notAssessed + open > 0)
        {
            audit.Append(db, AuditActors.System, AuditActions.RemindersSent, detail: $"{notAssessed} ej påbörjade, {open} öppna länge");
        }

        await db.SaveChangesAsync(cancellationToken);
        await job.CompleteAsync(cancellationToken);
        if (notAssessed + open > 0)
        {
            outbox.Notify();
        }

        LogReminded(logger, notAssessed, open);
        return (notAssessed, open);
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Reminders: {NotAssessed} reports not started, {Open} open too long")]
    private static partial void LogReminded(ILogger logger, int notAssessed, int open);
}
