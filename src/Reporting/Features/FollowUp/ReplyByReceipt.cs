using FluentValidation;
using Mediator;
using Reporting.Features.Audit;
using Reporting.Features.Identifiers;
using Reporting.Features.Notifications;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
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
}

public sealed record ReplyOutcome(ReplyResult Result, IReadOnlyList<IdentifierFinding> Findings, FollowUpView? View)
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

public sealed class ReplyByReceiptHandler(
    ReceiptLookup lookup,
    ReportingDbContext db,
    ReportSealer sealer,
    IdentifierScanner identifiers,
    AuditLog audit,
    IOutboxSignal outbox,
    OrganisationProfile organisation) : ICommandHandler<ReplyByReceiptCommand, ReplyOutcome>
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
            await db.SaveChangesAsync(cancellationToken); // the look-up's audit line
            return new ReplyOutcome(ReplyResult.Closed, [], await FollowUpHandler.ViewAsync(db, sealer, report, cancellationToken));
        }

        if (Conversation.RefusedBy(identifiers, command.Text!, command.ConfirmNoIdentifiers) is { } findings)
        {
            await db.SaveChangesAsync(cancellationToken);
            return new ReplyOutcome(ReplyResult.Refused, findings, null);
        }

        await Conversation.AddAsync(db, sealer, report, fromReporter: true, author: null, command.Text!, organisation.Today(), cancellationToken);
        audit.Append(db, ReceiptLookup.Actor, AuditActions.ReplyReceived, report);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return new ReplyOutcome(ReplyResult.Sent, [], await FollowUpHandler.ViewAsync(db, sealer, report, cancellationToken));
    }
}
