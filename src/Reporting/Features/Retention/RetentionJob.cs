using Microsoft.EntityFrameworkCore;
using Reporting.Features.Administrations;
using Reporting.Features.Audit;
using Reporting.Features.Reports.Indexing;
using Reporting.Infrastructure.Jobs;
using Reporting.Infrastructure.Persistence;
using Reporting.Features.Organisation;

namespace Reporting.Features.Retention;

/// <summary>What the next run would delete of one class in one administration: how many, of which reports or surveys, under which decision.</summary>
public sealed record RetentionPreviewLine(string Administration, string Records, int Months, string Decision, int Count, IReadOnlyList<string> Of);

/// <summary>
/// Gallring, once a day (and at start-up), administration by administration and class by class under
/// each class's decision (<see cref="RetentionPlan"/>, <see cref="RetentionSelection"/>), in one
/// transaction. Each administration's selections run in its scope, so the query filters that keep
/// coordinators apart (ADR 19) also keep one administration's rules off another's records. Every run
/// writes a gallringslogg line per administration and class, zero or not. A report's data key lives in its row, so the content
/// is unrecoverable once the row is gone; SQLite overwrites the freed pages (secure_delete). When reports
/// go, the index's sealed copy, which holds every report's codes, is dropped in the same transaction
/// (a deleted report must not stay readable there across a kill -9 or in a backup) and sealed anew
/// without them afterwards. Only counts are logged.
/// </summary>
public sealed partial class RetentionJob(
    IDbContextFactory<ReportingDbContext> contexts,
    RetentionPlan plan,
    AdministrationCatalogue administrations,
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
            if (!plan.IsOn)
            {
                LogOff(logger);
                return false;
            }

            if (plan.UsesDeprecatedSetting)
            {
                LogDeprecated(logger);
            }

            return true;
        }
    }

    protected override Task RunAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    /// <summary>What a run today would delete, administration by administration (or one administration's only) and class by class, without deleting anything.</summary>
    public async Task<IReadOnlyList<RetentionPreviewLine>> PreviewAsync(CancellationToken cancellationToken, Administration? administration = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lines = new List<RetentionPreviewLine>();
        foreach (var (owner, rules) in plan.ByAdministration.Where(p => administration is null || p.Administration == administration))
        {
            db.LimitTo(ScopeOf(owner));
            foreach (var rule in rules)
            {
                var selection = new RetentionSelection(db, rule, organisation);
                lines.Add(new RetentionPreviewLine(owner.Code, rule.Records, rule.Months, rule.Decision, await selection.CountAsync(cancellationToken), await selection.WhatAsync(cancellationToken)));
            }
        }

        return lines;
    }

    private AdministrationScope ScopeOf(Administration administration)
    {
        var scope = new AdministrationScope();
        scope.Enter(administration, administrations.Stored(administration));
        return scope;
    }

    /// <summary>Deletes what has expired today, class by class; returns how many reports were deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!plan.IsOn)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = new List<(Administration Administration, RetentionRule Rule, int Count)>();
        await using (var job = await db.BeginExclusiveJobAsync(ExclusiveJob.Retention, cancellationToken))
        {
            if (job is null)
            {
                return 0; // another instance is running today's retention
            }

            await db.RunAtomicallyAsync(async () =>
            {
                counts.Clear();
                if (plan.ByAdministration.Any(p => p.Rules.Any(r => r.Records == RetentionClasses.Reports)))
                {
                    // Told first: every writer of reports takes the report clock before any report row (ADR 9).
                    await db.NoteReportsDeletedAsync(cancellationToken);
                }

                foreach (var (owner, rules) in plan.ByAdministration)
                {
                    db.LimitTo(ScopeOf(owner));
                    foreach (var rule in rules)
                    {
                        counts.Add((owner, rule, await new RetentionSelection(db, rule, organisation).DeleteAsync(cancellationToken)));
                    }
                }

                // Every line below names its administration itself: nothing is stamped from the last scope.
                db.SeeEveryAdministration();
                var today = organisation.Today();
                foreach (var (owner, rule, count) in counts)
                {
                    db.RetentionLog.Add(RetentionLogEntry.For(RandomIds.NewGuid(), today, rule.Records, count, rule.Decision, administrations.Stored(owner)));
                }

                if (Deleted(counts, RetentionClasses.Reports) > 0)
                {
                    await ReportIndexCopies.DeleteAsync(db, keyId: null, cancellationToken);
                }

                foreach (var went in counts.Where(c => c.Count > 0).GroupBy(c => c.Administration))
                {
                    // The audit lines about deleted reports stay unless the audit class takes them; this one, in the administration's own log, says what went and why.
                    audit.Append(db, AuditActors.System, AuditActions.RetentionDeleted,
                        detail: string.Join(", ", went.Select(c => $"{c.Count} {RetentionClasses.Label(c.Rule.Records)} äldre än {c.Rule.Months} månader")),
                        administration: administrations.Stored(went.Key));
                }

                await db.SaveChangesAsync(cancellationToken);
            }, cancellationToken);
            await job.CompleteAsync(cancellationToken);
        }

        var reports = Deleted(counts, RetentionClasses.Reports);
        if (counts.Any(c => c.Count > 0))
        {
            if (!await db.FlushDeletedPagesAsync(cancellationToken))
            {
                LogNotFlushed(logger);
            }
        }

        if (reports > 0)
        {
            // Sealed anew from the index, which has caught up on the deletion, so the next start need not build from every report.
            await index.StoreCopyAsync(cancellationToken);
        }

        foreach (var (owner, rule, count) in counts)
        {
            if (rule.Records == RetentionClasses.Reports)
            {
                LogDeleted(logger, count, rule.Months, owner.Code);
            }
            else
            {
                LogDeletedClass(logger, count, rule.Records, rule.Months, owner.Code);
            }
        }

        return reports;
    }

    private static int Deleted(List<(Administration Administration, RetentionRule Rule, int Count)> counts, string records) =>
        counts.Where(c => c.Rule.Records == records).Sum(c => c.Count);

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Retention: deleted {Count} closed reports older than {Months} months of administration {Administration}")]
    private static partial void LogDeleted(ILogger logger, int count, int months, string administration);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Retention is off (no Retention:Classes, and Retention:DeleteClosedReportsAfterMonths is not set)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Retention: the write-ahead log could not be emptied after the deletion (the database stayed busy); older page images stay in it until the next checkpoint")]
    private static partial void LogNotFlushed(ILogger logger);

    [LoggerMessage(EventId = 404, Level = LogLevel.Information, Message = "Retention: deleted {Count} {Records} older than {Months} months of administration {Administration}")]
    private static partial void LogDeletedClass(ILogger logger, int count, string records, int months, string administration);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "Retention:DeleteClosedReportsAfterMonths is deprecated: it deletes reports without naming a gallringsbeslut. Use Retention:Classes with records, months and decision.")]
    private static partial void LogDeprecated(ILogger logger);
}
