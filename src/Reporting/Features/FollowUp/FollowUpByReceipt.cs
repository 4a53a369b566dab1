using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence;
using Reporting.Pipeline;

namespace Reporting.Features.FollowUp;

/// <summary>
/// A reporter follows up with nothing but the receipt: the status in words, the day it was received
/// and the conversation, dates only. <paramref name="Client"/> is the keyed hash of the client's
/// address the guessing limits count by (never stored).
/// </summary>
public sealed record FollowUpQuery(string? Receipt, string Client) : IQuery<FollowUpView?>;

public sealed record FollowUpMessage(string From, DateOnly SentOn, string Text);

public sealed record FollowUpView(string Status, DateOnly ReceivedOn, IReadOnlyList<FollowUpMessage> Messages, bool TakesReplies)
{
    public string StatusLabel => ReportStatus.FromCode(Status).Label;
}

/// <summary>
/// Finds a report by its receipt for the reporter, within the guessing limits: the receipt is
/// checked for shape, the look-up is counted against the client before it is made, the keyed hash is
/// looked up (the same work for every unknown receipt), and a miss is counted for everyone together
/// (and slowed past the minute's limit). A hit gives the client's count back.
/// </summary>
public sealed class ReceiptLookup(ReportingDbContext db, ReceiptCode receipts, ReceiptGuessing guessing)
{
    public async Task<Report?> FindAsync(string? receipt, string client, bool track, CancellationToken cancellationToken)
    {
        var code = ReceiptCode.Normalise(receipt) ?? throw RequestValidationException.For("receipt", "Skriv kvittokoden: 16 siffror, som 1234 5678 9012 3456.");
        guessing.Begin(client);
        var hash = receipts.Hash(code);
        var reports = track ? db.Reports : db.Reports.AsNoTracking();
        var report = await reports.SingleOrDefaultAsync(r => r.ReceiptHash == hash, cancellationToken);
        if (report is null)
        {
            await guessing.MissedAsync(cancellationToken);
            return null;
        }

        guessing.Found(client);
        return report;
    }
}

/// <summary>The look-up is counted as the reporter's activity of the day (<see cref="ReporterActivity"/>): never a time, never the receipt.</summary>
public sealed class FollowUpHandler(ReceiptLookup lookup, ReportingDbContext db, ReportSealer sealer, ReporterActivity activity, Infrastructure.Telemetry.ReportingMetrics metrics)
    : IQueryHandler<FollowUpQuery, FollowUpView?>
{
    public async ValueTask<FollowUpView?> Handle(FollowUpQuery query, CancellationToken cancellationToken)
    {
        var report = await lookup.FindAsync(query.Receipt, query.Client, track: false, cancellationToken);
        if (report is null)
        {
            return null;
        }

        await activity.CountAsync(db, report.Id, AuditActions.FollowUpRead, cancellationToken);
        metrics.FollowUps.Add();
        return await ViewAsync(db, sealer, report, cancellationToken);
    }

    public static async Task<FollowUpView> ViewAsync(ReportingDbContext db, ReportSealer sealer, Report report, CancellationToken cancellationToken)
    {
        var messages = await db.Messages.AsNoTracking().Where(m => m.ReportId == report.Id).OrderBy(m => m.Number).ToListAsync(cancellationToken);
        return new FollowUpView(
            report.Status.Code,
            report.ReceivedOn,
            [.. messages.Select(m => new FollowUpMessage(m.From, m.SentOn, sealer.OpenMessage(report, m)))],
            report.TakesReplies);
    }
}
