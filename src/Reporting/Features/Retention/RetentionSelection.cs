using Microsoft.EntityFrameworkCore;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Retention;

/// <summary>
/// What one class's rule selects on a day, as queries: how many records, which reports (or surveys)
/// they belong to, and their deletion. The preview and the run use the same selection, in the same
/// order, so the preview says what the run then deletes. A held report (gallringsstopp) is never
/// selected, and nothing of an open report is.
/// </summary>
public sealed class RetentionSelection(ReportingDbContext db, RetentionRule rule, OrganisationProfile organisation)
{
    /// <summary>The last day a record's start may fall on for the rule to reach it.</summary>
    public DateOnly Cutoff { get; } = organisation.Today().AddMonths(-rule.Months);

    private IQueryable<Report> ExpiredReports()
    {
        var closed = ReportStatus.Closed;
        var cutoff = Cutoff;
        return db.Reports.Where(r => r.Status == closed && r.ClosedOn != null && r.ClosedOn <= cutoff && !r.RetentionHold);
    }

    public Task<int> CountAsync(CancellationToken cancellationToken) => rule.Records switch
    {
        RetentionClasses.Reports => ExpiredReports().CountAsync(cancellationToken),
        RetentionClasses.Messages => Messages().CountAsync(cancellationToken),
        RetentionClasses.Notes => Notes().CountAsync(cancellationToken),
        RetentionClasses.Photos => Photos().CountAsync(cancellationToken),
        RetentionClasses.SurveyAnswers => SurveyAnswers().CountAsync(cancellationToken),
        _ => AuditLines().CountAsync(cancellationToken),
    };

    /// <summary>The references of the reports the rule touches ("2024-013"), or the surveys' years; none for audit lines.</summary>
    public async Task<IReadOnlyList<string>> WhatAsync(CancellationToken cancellationToken)
    {
        var reports = rule.Records switch
        {
            RetentionClasses.Reports => ExpiredReports(),
            RetentionClasses.Messages => ExpiredReports().Where(r => db.Messages.Any(m => m.ReportId == r.Id)),
            RetentionClasses.Notes => ExpiredReports().Where(r => db.Notes.Any(n => n.ReportId == r.Id)),
            RetentionClasses.Photos => ExpiredReports().Where(r => db.Photos.Any(p => p.ReportId == r.Id)),
            _ => null,
        };
        if (reports is not null)
        {
            var references = await reports.Select(r => new { r.ReferenceYear, r.ReferenceNumber }).ToListAsync(cancellationToken);
            return [.. references.OrderBy(r => r.ReferenceYear).ThenBy(r => r.ReferenceNumber).Select(r => new ReportReference(r.ReferenceYear, r.ReferenceNumber).ToString())];
        }

        if (rule.Records == RetentionClasses.SurveyAnswers)
        {
            var years = await ClosedSurveys().Where(s => db.SurveyAnswers.Any(a => a.SurveyId == s.Id)).Select(s => s.Year).ToListAsync(cancellationToken);
            return [.. years.Order().Select(y => $"enkät {y}")];
        }

        return [];
    }

    /// <summary>Deletes what the rule selects, in the caller's transaction; returns how many records of its class went.</summary>
    public async Task<int> DeleteAsync(CancellationToken cancellationToken)
    {
        switch (rule.Records)
        {
            case RetentionClasses.Reports:
                var expired = ExpiredReports();
                // A report's parts go with it (and the database cascades them too); the count is of reports.
                await db.Notes.Where(n => expired.Any(r => r.Id == n.ReportId)).ExecuteDeleteAsync(cancellationToken);
                await db.Messages.Where(m => expired.Any(r => r.Id == m.ReportId)).ExecuteDeleteAsync(cancellationToken);
                await db.Photos.Where(p => expired.Any(r => r.Id == p.ReportId)).ExecuteDeleteAsync(cancellationToken);
                await db.Disclosures.Where(d => expired.Any(r => r.Id == d.ReportId)).ExecuteDeleteAsync(cancellationToken);
                await db.StatusChanges.Where(c => expired.Any(r => r.Id == c.ReportId)).ExecuteDeleteAsync(cancellationToken);
                await db.ReporterActivity.Where(a => expired.Any(r => r.Id == a.ReportId)).ExecuteDeleteAsync(cancellationToken);
                return await expired.ExecuteDeleteAsync(cancellationToken);
            case RetentionClasses.Messages:
                return await Messages().ExecuteDeleteAsync(cancellationToken);
            case RetentionClasses.Notes:
                return await Notes().ExecuteDeleteAsync(cancellationToken);
            case RetentionClasses.Photos:
                return await Photos().ExecuteDeleteAsync(cancellationToken);
            case RetentionClasses.SurveyAnswers:
                return await SurveyAnswers().ExecuteDeleteAsync(cancellationToken);
            default:
                // The audit log refuses deletions (database triggers) but of lines older than a permit
                // that exists only inside this transaction.
                var before = organisation.StartOfDay(Cutoff.AddDays(1));
                await db.Database.ExecuteSqlAsync($"INSERT INTO \"AuditRetentionPermits\" (\"Before\") VALUES ({before})", cancellationToken);
                var deleted = await AuditLines().ExecuteDeleteAsync(cancellationToken);
                await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditRetentionPermits\"", cancellationToken);
                return deleted;
        }
    }

    private IQueryable<ReportMessage> Messages()
    {
        var expired = ExpiredReports();
        return db.Messages.Where(m => expired.Any(r => r.Id == m.ReportId));
    }

    private IQueryable<Reports.ReportNote> Notes()
    {
        var expired = ExpiredReports();
        return db.Notes.Where(n => expired.Any(r => r.Id == n.ReportId));
    }

    private IQueryable<Photos.ReportPhoto> Photos()
    {
        var expired = ExpiredReports();
        return db.Photos.Where(p => expired.Any(r => r.Id == p.ReportId));
    }

    /// <summary>Surveys closed (by hand, or their last day passed) on or before the cutoff.</summary>
    private IQueryable<Surveys.Survey> ClosedSurveys()
    {
        var cutoff = Cutoff;
        return db.Surveys.Where(s => (s.ClosedOn ?? s.ClosesOn) <= cutoff);
    }

    private IQueryable<Surveys.SurveyAnswer> SurveyAnswers()
    {
        var closed = ClosedSurveys();
        return db.SurveyAnswers.Where(a => closed.Any(s => s.Id == a.SurveyId));
    }

    /// <summary>Audit lines of days on or before the cutoff (the gallringslogg is a table of its own and stays).</summary>
    private IQueryable<Audit.AuditEntry> AuditLines()
    {
        var before = organisation.StartOfDay(Cutoff.AddDays(1));
        return db.AuditLog.Where(e => e.At < before);
    }
}
