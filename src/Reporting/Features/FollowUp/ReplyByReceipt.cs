using FluentValidation;
using Mediator;
using Reporting.Features.Audit;
using Reporting.Features.Identifiers;
using Reporting.Features.Notifications;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.FollowUp;

/// <summary>The reporter answers, still anonymously: through the identifier check, sealed, and the coordinators get a content-free alert.</summary>
public sealed record ReplyByReceiptCommand(string? Receipt, string? Text, bool? ConfirmNoIdentifiers, string Client) : ICommand<ReplyOutcome>;

public enum ReplyResult
{
    Sent,
    UnknownReceipt,
    Closed,
    Refused,

    /// <summary>The report has had <c>FollowUp:RepliesPerReportPerDay</c> replies today: 429 until tomorrow.</summary>
    TooManyToday,
}

public sealed record ReplyOutcome(ReplyResult Result, IReadOnlyList<IdentifierFinding> Findings, FollowUpView? View, TimeSpan RetryAfter = default)
{
    public static ReplyOutcome Unknown { get; } = new(ReplyResult.UnknownReceipt, [], null);
}

public sealed class ReplyByReceiptValidator : AbstractValidator<ReplyByReceiptCommand>
{
    public ReplyByReceiptValidator()
    {
        RuleFor(c => c.Text).MessageText();
    }
}

/// <summary>
/// A reply is stored, counted as the reporter's activity of the day and alerted in one transaction. At
/// most <c>FollowUp:RepliesPerReportPerDay</c> replies a report a day (429 after that): someone holding a
/// receipt cannot flood the coordinator's conversation or mailbox.
/// </summary>
public sealed class ReplyByReceiptHandler(
    ReceiptLookup lookup,
    ReportingDbContext db,
    ReportSealer sealer,
    IdentifierScanner identifiers,
    ReporterActivity activity,
    IOutboxSignal outbox,
    OrganisationProfile organisation,
    IOptions<FollowUpOptions> options,
    Infrastructure.Telemetry.ReportingMetrics metrics) : ICommandHandler<ReplyByReceiptCommand, ReplyOutcome>
{
    public async ValueTask<ReplyOutcome> Handle(ReplyByReceiptCommand command, CancellationToken cancellationToken)
    {
        var report = await lookup.FindAsync(command.Receipt, command.Client, track: true, cancellationToken);
        if (report is null)
        {
            return ReplyOutcome.Unknown;
        }

        if (!report.TakesReplies)
        {
            return new ReplyOutcome(ReplyResult.Closed, [], await FollowUpHandler.ViewAsync(db, sealer, report, cancellationToken));
        }

        if (identifiers.RefusedBy(command.Text!, command.ConfirmNoIdentifiers) is { } findings)
        {
            return new ReplyOutcome(ReplyResult.Refused, findings, null);
        }

        var today = organisation.Today();
        if (await db.Messages.CountAsync(m => m.ReportId == report.Id && m.FromReporter && m.SentOn == today, cancellationToken) >= options.Value.RepliesPerReportPerDay)
        {
            return new ReplyOutcome(ReplyResult.TooManyToday, [], await FollowUpHandler.ViewAsync(db, sealer, report, cancellationToken), organisation.UntilTomorrow());
        }

        await db.RunAtomicallyAsync(async () =>
        {
            await Conversation.AddAsync(db, sealer, report, fromReporter: true, author: null, command.Text!, today, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await activity.CountAsync(db, report.Id, AuditActions.ReplyReceived, cancellationToken);
            metrics.Replies.Add();
        }, cancellationToken);
        outbox.Notify();
        return new ReplyOutcome(ReplyResult.Sent, [], await FollowUpHandler.ViewAsync(db, sealer, report, cancellationToken));
    }
}
