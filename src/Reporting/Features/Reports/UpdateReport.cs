using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Persistence.Records;
using Reporting.Pipeline;

namespace Reporting.Features.Reports;

/// <summary>The body of <c>PATCH /api/reports/{id}</c>: any of a new status, where it was forwarded, and a note to add.</summary>
public sealed record UpdateReportRequest(string? Status = null, IReadOnlyList<string?>? ForwardedTo = null, string? Note = null);

/// <summary>Triage: changes status and forwarding and adds an internal note; each change gets an audit line in the same commit.</summary>
public sealed record UpdateReportCommand(string Actor, Guid Id, string? Status, IReadOnlyList<string?>? ForwardedTo, string? Note)
    : ICommand<ReportState?>
{
    public static UpdateReportCommand From(string actor, Guid id, UpdateReportRequest request) =>
        new(actor, id, request.Status, request.ForwardedTo, request.Note);
}

/// <summary>A report's workflow state after a change (no content: fetch the report to read it).</summary>
public sealed record ReportState(Guid Id, string Reference, string Status, DateOnly? ClosedOn, IReadOnlyList<string> ForwardedTo, int Notes);

public sealed class UpdateReportValidator : AbstractValidator<UpdateReportCommand>
{
    public const int NoteMaxLength = 4000;

    public UpdateReportValidator()
    {
        RuleFor(c => c).Must(c => c.Status is not null || c.ForwardedTo is not null || c.Note is not null)
            .WithName("status").WithMessage("Nothing to change: give status, forwardedTo or note.");
        RuleFor(c => c.Status).Must(s => s is null || ReportCodes.Status.Contains(s))
            .WithMessage($"Unknown status; use one of: {string.Join(", ", ReportCodes.Status.Codes)}.");
        RuleFor(c => c.ForwardedTo).Must(codes => codes is null || codes.All(ReportCodes.ForwardedTo.Contains))
            .WithMessage($"Unknown forwardedTo code; use any of: {string.Join(", ", ReportCodes.ForwardedTo.Codes)}.");
        RuleFor(c => c.Note).Must(n => n is null || !string.IsNullOrWhiteSpace(n)).WithMessage("Anteckningen är tom.")
            .MaximumLength(NoteMaxLength).WithMessage($"Anteckningen får vara högst {NoteMaxLength} tecken.")
            .CleanText("Anteckningen");
    }
}

public sealed class UpdateReportHandler(ReportingDbContext db, ReportSealer sealer, AuditLog audit, Organisation.Organisation organisation, TimeProvider time)
    : ICommandHandler<UpdateReportCommand, ReportState?>
{
    public async ValueTask<ReportState?> Handle(UpdateReportCommand command, CancellationToken cancellationToken)
    {
        var record = await db.Reports.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        if (command.ForwardedTo is not null)
        {
            var forwardedTo = ReportWorkflow.JoinForwardedTo(command.ForwardedTo.OfType<string>());
            if (forwardedTo != record.ForwardedTo)
            {
                record.ForwardedTo = forwardedTo;
                audit.Append(db, command.Actor, AuditActions.ForwardedToChanged, record, forwardedTo.Length == 0 ? "ingen" : forwardedTo.Replace(",", ", ", StringComparison.Ordinal));
            }
        }

        if (command.Status is { } status && status != record.Status)
        {
            audit.Append(db, command.Actor, AuditActions.StatusChanged, record, $"{record.Status} → {status}");
            record.Status = status;
            // Retention counts from the day a report was closed; reopening stops the clock.
            record.ClosedOn = status == "closed" ? organisation.Today() : null;
        }

        if (record.Status == "forwarded" && record.ForwardedTo.Length == 0)
        {
            throw RequestValidationException.For("forwardedTo", "Say where the report was forwarded (forwardedTo) when the status is 'forwarded'.");
        }

        if (command.Note is { } text)
        {
            var note = new ReportNote { Id = Guid.NewGuid(), ReportId = record.Id, WrittenAt = time.GetUtcNow().ToUnixTimeMilliseconds(), Author = command.Actor };
            note.Content = sealer.SealNote(record, note.Id, text.Trim());
            db.Notes.Add(note);
            audit.Append(db, command.Actor, AuditActions.NoteAdded, record);
        }

        await db.SaveChangesAsync(cancellationToken);
        var notes = await db.Notes.CountAsync(n => n.ReportId == record.Id, cancellationToken);
        return new ReportState(record.Id, record.Reference, record.Status, record.ClosedOn, ReportWorkflow.ForwardedTo(record), notes);
    }
}
