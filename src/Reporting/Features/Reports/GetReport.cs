using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;
using Reporting.Features.Organisation;

namespace Reporting.Features.Reports;

/// <summary>One report as the coordinator reads it: every field decrypted, notes, and its history from the audit log.</summary>
public sealed record GetReportQuery(string Actor, Guid Id) : IQuery<ReportDetails?>;

public sealed record ReportDetails(
    Guid Id,
    string Reference,
    DateOnly ReceivedOn,
    string Status,
    DateOnly? ClosedOn,
    IReadOnlyList<string> ForwardedTo,
    ReportContent Report,
    IReadOnlyList<ReportNoteView> Notes,
    IReadOnlyList<ReportHistoryLine> History);

public sealed record ReportNoteView(Guid Id, DateTimeOffset WrittenAt, string Author, string Text);

public sealed record ReportHistoryLine(DateTimeOffset At, string Actor, string Action, string ActionLabel, string? Detail);

public sealed class GetReportHandler(ReportingDbContext db, ReportSealer sealer, AuditLog audit, OrganisationProfile organisation)
    : IQueryHandler<GetReportQuery, ReportDetails?>
{
    public async ValueTask<ReportDetails?> Handle(GetReportQuery query, CancellationToken cancellationToken)
    {
        var record = await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.Id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        // The read is recorded before anything is shown, and shows in the history it returns.
        await audit.AppendNowAsync(db, query.Actor, AuditActions.ReportRead, record, cancellationToken: cancellationToken);
        var notes = await db.Notes.AsNoTracking().Where(n => n.ReportId == record.Id).OrderBy(n => n.WrittenAt).ToListAsync(cancellationToken);
        var history = await db.AuditLog.AsNoTracking().Where(e => e.ReportId == record.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return new ReportDetails(
            record.Id,
            record.Reference.ToString(),
            record.ReceivedOn,
            record.Status.Code,
            record.ClosedOn,
            record.ForwardedTo,
            sealer.Open(record),
            [.. notes.Select(n => new ReportNoteView(n.Id, organisation.LocalTime(n.WrittenAt), n.Author, sealer.OpenNote(record, n)))],
            [.. history.Select(e => new ReportHistoryLine(organisation.LocalTime(e.At), e.Actor, e.Action, AuditActions.Label(e.Action), e.Detail))]);
    }
}
