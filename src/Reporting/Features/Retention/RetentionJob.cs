using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Features.Audit;
using Reporting.Features.Reports;
using Reporting.Features.Reports.Indexing;
using Reporting.Infrastructure.Jobs;
using Reporting.Infrastructure.Persistence;
using Reporting.Features.Organisation;

namespace Reporting.Features.Retention;

/// <summary>
/// Deletes closed reports past the retention limit once a day (and at start-up). A report's data
/// key lives in its row, so the content is unrecoverable once the row is gone; SQLite overwrites
/// the freed pages (secure_delete). The index's sealed copy, which holds every report's codes, is
/// dropped in the same transaction (a deleted report must not stay readable there until the next
/// graceful stop, across a kill -9 or in a backup) and sealed anew without them after the deletion.
/// Only the count is logged.
/// </summary>
public sealed partial class RetentionJob(
    IDbContextFactory<ReportingDbContext> contexts,
    IOptions<RetentionOptions> options,
    OrganisationProfile organisation,
    AuditLog audit,
    ReportIndex index,
    TimeProvider time,
    ILogger<RetentionJob> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromDays(1);

    protected override bool IsEnabled
    {
        get
        {
            if (options.Value.DeleteClosedReportsAfterMonths is null)
            {
                LogOff(logger);
                return false;
            }

            return true;
        }
    }

    protected override Task RunAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    /// <summary>Deletes what has expired today; returns how many reports were deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (options.Value.DeleteClosedReportsAfterMonths is not { } months)
        {
            return 0;
        }

        var closedOnOrBefore = organisation.Today().AddMonths(-months);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var closed = ReportStatus.Closed;
        var expired = db.Reports.Where(r => r.Status == closed && r.ClosedOn != null && r.ClosedOn <= closedOnOrBefore);
        var deleted = 0;
        await using (var job = await db.BeginExclusiveJobAsync(ExclusiveJob.Retention, cancellationToken))
        {
            if (job is null)
            {
                return 0; // another instance is running today's retention
            }

            await db.RunAtomicallyAsync(async () =>
            {
                // Told first: every writer of reports takes the report clock before any report row (ADR 9).
                await db.NoteReportsDeletedAsync(cancellationToken);
                // Notes, messages and status changes go with their report (and the database cascades them too).
                await db.Notes.Where(n => expired.Any(r => r.Id == n.ReportId)).ExecuteDeleteAsync(cancellationToken);
                await db.Messages.Where(m => expired.Any(r => r.Id == m.ReportId)).ExecuteDeleteAsync(cancellationToken);
                await db.Photos.Where(p => expired.Any(r => r.Id == p.ReportId)).ExecuteDeleteAsync(cancellationToken);
                await db.StatusChanges.Where(c => expired.Any(r => r.Id == c.ReportId)).ExecuteDeleteAsync(cancellationToken);
                await db.ReporterActivity.Where(a => expired.Any(r => r.Id == a.ReportId)).ExecuteDeleteAsync(cancellationToken);
                deleted = await expired.ExecuteDeleteAsync(cancellationToken);
                if (deleted > 0)
                {
                    await ReportIndexCopies.DeleteAsync(db, keyId: null, cancellationToken);
                    // The audit lines about these reports stay (they hold no content); this one says why the reports are gone.
                    audit.Append(db, AuditActors.System, AuditActions.RetentionDeleted, detail: $"{deleted} avslutade rapporter äldre än {months} månader");
                    await db.SaveChangesAsync(cancellationToken);
                }
            }, cancellationToken);
            await job.CompleteAsync(cancellationToken);
        }

        if (deleted > 0)
        {
            if (!await db.FlushDeletedPagesAsync(cancellationToken))
            {
                LogNotFlushed(logger);
            }

            // Sealed anew from the index, which has caught up on the deletion, so the next start need not build from every report.
            await index.StoreCopyAsync(cancellationToken);
        }

        LogDeleted(logger, deleted, months);
        return deleted;
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Retention: deleted {Count} closed reports older than {Months} months")]
    private static partial void LogDeleted(ILogger logger, int count, int months);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Retention is off (Retention:DeleteClosedReportsAfterMonths is not set)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Retention: the write-ahead log could not be emptied after the deletion (the database stayed busy); older page images stay in it until the next checkpoint")]
    private static partial void LogNotFlushed(ILogger logger);
}

public static class RetentionRegistration
{
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionJob>());
        return services;
    }
}
