using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Features.Audit;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence;
using Reporting.Features.Organisation;

namespace Reporting.Features.Retention;

/// <summary>
/// Deletes closed reports past the retention limit once a day (and at start-up). A report's data
/// key lives in its row, so the content is unrecoverable once the row is gone; SQLite overwrites
/// the freed pages (secure_delete). Only the count is logged.
/// </summary>
public sealed partial class RetentionJob(
    IDbContextFactory<ReportingDbContext> contexts,
    IOptions<RetentionOptions> options,
    OrganisationProfile organisation,
    AuditLog audit,
    TimeProvider time,
    ILogger<RetentionJob> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromDays(1);

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
                await db.StatusChanges.Where(c => expired.Any(r => r.Id == c.ReportId)).ExecuteDeleteAsync(cancellationToken);
                deleted = await expired.ExecuteDeleteAsync(cancellationToken);
                if (deleted > 0)
                {
                    // The audit lines about these reports stay (they hold no content); this one says why the reports are gone.
                    audit.Append(db, AuditActors.System, AuditActions.RetentionDeleted, detail: $"{deleted} avslutade rapporter äldre än {months} månader");
                    await db.SaveChangesAsync(cancellationToken);
                }
            }, cancellationToken);
            await job.CompleteAsync(cancellationToken);
        }

        if (deleted > 0 && !await db.FlushDeletedPagesAsync(cancellationToken))
        {
            LogNotFlushed(logger);
        }

        LogDeleted(logger, deleted, months);
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.DeleteClosedReportsAfterMonths is null)
        {
            LogOff(logger);
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Retention: deleted {Count} closed reports older than {Months} months")]
    private static partial void LogDeleted(ILogger logger, int count, int months);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Retention is off (Retention:DeleteClosedReportsAfterMonths is not set)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Retention run failed ({ExceptionType}); it runs again tomorrow")]
    private static partial void LogFailed(ILogger logger, string exceptionType);

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
