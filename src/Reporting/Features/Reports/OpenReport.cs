using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Features.Reports.Indexing;
using Reporting.Infrastructure.Persistence;
using Reporting.Features.Organisation;

namespace Reporting.Features.Reports;

/// <summary>
/// One report as the coordinator reads it: every field decrypted, the case work (channel, assessed
/// environment, the reports of the same event), the conversation with the reporter, notes, and its
/// history from the audit log. A command, not a query: opening it marks the reporter's replies read
/// and writes an audit line. <c>HasReceipt</c>: a
/// report from the form has a receipt its reporter may hold; a registered one has none.
/// </summary>
public sealed record OpenReportCommand(string Actor, Guid Id) : ICommand<ReportDetails?>;

public sealed record ReportDetails(
    Guid Id,
    string Reference,
    DateOnly ReceivedOn,
    string Status,
    DateOnly? ClosedOn,
    IReadOnlyList<string> ForwardedTo,
    ReportContent Report,
    IReadOnlyList<ReportNoteView> Notes,
    IReadOnlyList<ReportHistoryLine> History,
    string Channel,
    string? AssessedEnvironment,
    string? LinkedTo,
    IReadOnlyList<string> SameEvent,
    IReadOnlyList<ReportMessageView> Messages,
    bool HasReceipt,
    IReadOnlyList<Photos.ReportPhotoView> Photos)
{
    /// <summary>The secrecy marking ("OSL 23 kap. 2 §"), or null.</summary>
    public string? Secrecy { get; init; }

    /// <summary>Gallringsstopp: retention deletes nothing of the report while it is set.</summary>
    public bool Hold { get; init; }
}

/// <summary>A message of the conversation; <see cref="Author"/> is the coordinator who wrote it (the reporter has no name).</summary>
public sealed record ReportMessageView(string From, DateOnly SentOn, string? Author, string Text);

public sealed record ReportNoteView(Guid Id, DateTimeOffset WrittenAt, string Author, string Text);

/// <summary>One line of a report's history; <see cref="DayOnly"/> lines (the reporter's activity) hold the day only.</summary>
public sealed record ReportHistoryLine(DateTimeOffset At, bool DayOnly, string Actor, string Action, string ActionLabel, string? Detail);

public sealed class OpenReportHandler(ReportingDbContext db, ReportSealer sealer, ScopedReportIndex index, AuditLog audit, OrganisationProfile organisation)
    : ICommandHandler<OpenReportCommand, ReportDetails?>
{
    public async ValueTask<ReportDetails?> Handle(OpenReportCommand query, CancellationToken cancellationToken)
    {
        var record = await db.Reports.SingleOrDefaultAsync(r => r.Id == query.Id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        // The read is recorded before anything is shown, and shows in the history it returns.
        record.MarkRepliesRead();
        await audit.AppendNowAsync(db, query.Actor, AuditActions.ReportRead, record, cancellationToken: cancellationToken);
        var facets = sealer.OpenFacets(record);
        var snapshot = await index.CurrentAsync(cancellationToken);
        var messages = await db.Messages.AsNoTracking().Where(m => m.ReportId == record.Id).OrderBy(m => m.Number).ToListAsync(cancellationToken);
        var notes = await db.Notes.AsNoTracking().Where(n => n.ReportId == record.Id).OrderBy(n => n.WrittenAt).ToListAsync(cancellationToken);
        var photos = await db.Photos.AsNoTracking().Where(p => p.ReportId == record.Id).OrderBy(p => p.Number)
            .Select(p => new Photos.ReportPhotoView(p.Id, p.Number, p.Width, p.Height, p.RedactedFrom)).ToListAsync(cancellationToken);
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
            FoldRepeatedReads([.. history.Select(e => new ReportHistoryLine(organisation.LocalTime(e.At), AuditActions.IsDayOnly(e.Action), e.Actor, e.Action, AuditActions.Label(e.Action), e.Detail))]),
            facets.Channel,
            facets.AssessedEnvironment,
            facets.LinkedTo,
            SameEvent(snapshot, record.Reference),
            [.. messages.Select(m => new ReportMessageView(m.From, m.SentOn, m.Author, sealer.OpenMessage(record, m)))],
            facets.Channel == ReportCodes.FormChannel,
            photos)
        {
            Secrecy = facets.Secrecy,
            Hold = record.RetentionHold,
        };
    }

    /// <summary>
    /// One line for the reads (and the photo views) of one person on one day ("Rapport läst, 4 gånger, senast 14:32", in the place of the first), so
    /// the history shows what was done rather than every opening of the page. The audit log keeps each read.
    /// </summary>
    public static IReadOnlyList<ReportHistoryLine> FoldRepeatedReads(IReadOnlyList<ReportHistoryLine> lines)
    {
        var folded = new List<ReportHistoryLine>(lines.Count);
        var reads = new Dictionary<(string Actor, string Action, DateOnly Day), (int Index, int Count)>();
        foreach (var line in lines)
        {
            if (line.Action is not (AuditActions.ReportRead or AuditActions.PhotoViewed))
            {
                folded.Add(line);
                continue;
            }

            var key = (line.Actor, line.Action, DateOnly.FromDateTime(line.At.DateTime));
            if (reads.TryGetValue(key, out var seen))
            {
                reads[key] = (seen.Index, seen.Count + 1);
                folded[seen.Index] = folded[seen.Index] with { Detail = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{seen.Count + 1} gånger, senast {line.At:HH:mm}") };
            }
            else
            {
                reads[key] = (folded.Count, 1);
                folded.Add(line);
            }
        }

        return folded;
    }

    /// <summary>The other reports of this report's event: every report whose links lead to the same one.</summary>
    private static IReadOnlyList<string> SameEvent(ReportIndexSnapshot snapshot, ReportReference reference)
    {
        if (snapshot.Find(reference) is not { } self)
        {
            return [];
        }

        var root = snapshot.EventOf(self);
        return [.. snapshot.OldestFirst.Where(r => r.Reference != reference && snapshot.EventOf(r) == root).Select(r => r.Reference.ToString())];
    }
}
