using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Persistence.Records;
using Reporting.Pipeline;
using Reporting.Features.Organisation;

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
            .WithName("status").WithMessage("Inget att ändra: ange status, forwardedTo eller note.");
        RuleFor(c => c.Status).Must(s => s is null || ReportStatus.TryParse(s, out _))
            .WithMessage($"Okänd status; välj en av: {string.Join(", ", ReportStatus.All.Select(s => s.Code))}.");
        RuleFor(c => c.ForwardedTo).Must(codes => codes is null || codes.All(ReportCodes.ForwardedTo.Contains))
            .WithMessage($"Okänd mottagare i forwardedTo; välj bland: {string.Join(", ", ReportCodes.ForwardedTo.Codes)}.");
        RuleFor(c => c.Note).Must(n => n is null || !string.IsNullOrWhiteSpace(n)).WithMessage("Anteckningen är tom.")
            .MaximumLength(NoteMaxLength).WithMessage($"Anteckningen får vara högst {NoteMaxLength} tecken.")
            .CleanText("Anteckningen");
    }
}

/// <summary>
/// The use case reads as the handling: the report changes itself (<see cref="Report.ChangeStatus"/>,
/// <see cref="Report.Forward"/>, <see cref="Report.SetForwardedTo"/>), and each change it returns is
/// stored as data and written to the audit log in words, in the same commit.
/// </summary>
public sealed class UpdateReportHandler(ReportingDbContext db, ReportSealer sealer, AuditLog audit, OrganisationProfile organisation, TimeProvider time)
    : ICommandHandler<UpdateReportCommand, ReportState?>
{
    public async ValueTask<ReportState?> Handle(UpdateReportCommand command, CancellationToken cancellationToken)
    {
        var report = await db.Reports.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken);
        if (report is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var today = organisation.Today();
        var changes = new List<ReportChange?>();
        var forwardedTo = command.ForwardedTo?.OfType<string>().ToList();
        var status = command.Status is { } code ? ReportStatus.FromCode(code) : null;
        if (status == ReportStatus.Forwarded)
        {
            changes.AddRange(report.Forward(forwardedTo ?? [.. report.ForwardedTo], command.Actor, now, today));
        }
        else
        {
            if (forwardedTo is not null)
            {
                changes.Add(report.SetForwardedTo(forwardedTo, command.Actor, now));
            }

            if (status is not null)
            {
                changes.Add(report.ChangeStatus(status, command.Actor, now, today));
            }
        }

        foreach (var change in changes.OfType<ReportChange>())
        {
            audit.Record(db, change);
            if (change.Field == ReportChange.StatusField)
            {
                db.StatusChanges.Add(ReportStatusChange.Of(change));
            }
        }

        if (command.Note is { } text)
        {
            var note = new ReportNote { Id = Guid.NewGuid(), ReportId = report.Id, WrittenAt = now.ToUnixTimeMilliseconds(), Author = command.Actor };
            note.Content = sealer.SealNote(report, note.Id, text.Trim());
            db.Notes.Add(note);
            audit.Append(db, command.Actor, AuditActions.NoteAdded, report);
        }

        await db.SaveChangesAsync(cancellationToken);
        var notes = await db.Notes.CountAsync(n => n.ReportId == report.Id, cancellationToken);
        return new ReportState(report.Id, report.Reference.ToString(), report.Status.Code, report.ClosedOn, report.ForwardedTo, notes);
    }
}
