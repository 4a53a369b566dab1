using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Features.Identifiers;
using Reporting.Features.Organisation;
using Reporting.Features.Reports.Indexing;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;

namespace Reporting.Features.Reports;

/// <summary>
/// The body of <c>PATCH /api/reports/{id}</c>: any of a new status, where it was forwarded, a note to
/// add, and the case work: the assessed environment and the report that stands for the same event.
/// For those two, an absent property changes nothing and <c>null</c> clears (hence JSON elements).
/// </summary>
public sealed record UpdateReportRequest(string? Status = null, IReadOnlyList<string?>? ForwardedTo = null, string? Note = null) : IStrictJsonBody<UpdateReportRequest>
{
    public static JsonTypeInfo<UpdateReportRequest> JsonTypeInfo => ReportingJsonContext.Default.UpdateReportRequest;

    public JsonElement AssessedEnvironment { get; init; }

    public JsonElement LinkedTo { get; init; }

    /// <summary>The secrecy marking, "OSL 23 kap. 2 §"; null removes it.</summary>
    public JsonElement Secrecy { get; init; }

    /// <summary>Gallringsstopp: true holds the report from retention, false lifts the hold.</summary>
    public bool? Hold { get; init; }

    /// <summary>Another administration's code: the report was misrouted and moves there (its reference stays).</summary>
    public string? Administration { get; init; }
}

/// <summary>A value to set; <see cref="Value"/> null clears it.</summary>
public sealed class Setting(string? value)
{
    public string? Value { get; } = value;

    /// <summary>Absent: nothing; null: clear; a string: set; anything else is a 400 naming the field.</summary>
    public static Setting? From(JsonElement element, string field) => element.ValueKind switch
    {
        JsonValueKind.Undefined => null,
        JsonValueKind.Null => new Setting(null),
        JsonValueKind.String => new Setting(element.GetString()),
        _ => throw RequestValidationException.For(field, "Ange en kod som text, eller null för att ta bort."),
    };
}

/// <summary>
/// Triage and case work: status, forwarding, a note, the assessed environment and the link to the
/// report of the same event; each change gets an audit line in the same commit.
/// </summary>
public sealed record UpdateReportCommand(
    string Actor, Guid Id, string? Status, IReadOnlyList<string?>? ForwardedTo, string? Note, Setting? AssessedEnvironment = null, Setting? LinkedTo = null,
    Setting? Secrecy = null, bool? Hold = null, string? Administration = null)
    : ICommand<ReportState?>
{
    public static UpdateReportCommand From(string actor, Guid id, UpdateReportRequest request) =>
        new(actor, id, request.Status, request.ForwardedTo, request.Note,
            Setting.From(request.AssessedEnvironment, "assessedEnvironment"), Setting.From(request.LinkedTo, "linkedTo"),
            Setting.From(request.Secrecy, "secrecy"), request.Hold, request.Administration);
}

/// <summary>A report's workflow state after a change (no content: fetch the report to read it).</summary>
public sealed record ReportState(
    Guid Id, string Reference, string Status, DateOnly? ClosedOn, IReadOnlyList<string> ForwardedTo, int Notes, string? AssessedEnvironment, string? LinkedTo,
    string? Secrecy = null, bool Hold = false);

public sealed class UpdateReportValidator : AbstractValidator<UpdateReportCommand>
{
    public const int NoteMaxLength = 4000;

    public UpdateReportValidator(Administrations.AdministrationCatalogue administrations)
    {
        RuleFor(c => c).Must(c => c.Status is not null || c.ForwardedTo is not null || c.Note is not null || c.AssessedEnvironment is not null || c.LinkedTo is not null
                || c.Secrecy is not null || c.Hold is not null || c.Administration is not null)
            .WithName("status").WithMessage("Inget att ändra: ange status, forwardedTo, note, assessedEnvironment, linkedTo, secrecy, hold eller administration.");
        RuleFor(c => c.Administration).Must(code => code is null || (administrations.AreSeveral && administrations.Find(code) is not null))
            .WithMessage(administrations.AreSeveral
                ? $"Okänd förvaltning; välj en av: {string.Join(", ", administrations.All.Select(a => a.Code))}."
                : "Tjänsten har en förvaltning; det finns ingen att överföra till.");
        RuleFor(c => c.Secrecy).Must(s => s?.Value is null || Records.SecrecyMarking.IsProvision(s.Value))
            .OverridePropertyName("secrecy").WithMessage($"Ange bestämmelsen som \"{Records.SecrecyMarking.Example}\", eller null för ingen markering.");
        RuleFor(c => c.AssessedEnvironment).Must(a => a?.Value is null || ReportCodes.Environment.Contains(a.Value))
            .OverridePropertyName("assessedEnvironment")
            .WithMessage($"Okänd miljö; välj en av: {string.Join(", ", ReportCodes.Environment.Codes)}.");
        RuleFor(c => c.LinkedTo).Must(l => l?.Value is null || ReportReference.TryParse(l.Value, out _))
            .OverridePropertyName("linkedTo").WithMessage("Ange referensen som ÅÅÅÅ-NNN, till exempel 2026-043.");
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
public sealed class UpdateReportHandler(
    ReportingDbContext db, ReportSealer sealer, ScopedReportIndex index, AuditLog audit, OrganisationProfile organisation, Administrations.AdministrationCatalogue administrations, TimeProvider time)
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
        changes.AddRange(report.Route(status, forwardedTo, command.Actor, now, today));

        if (command.AssessedEnvironment is not null || command.LinkedTo is not null || command.Secrecy is not null)
        {
            changes.AddRange(await CaseWorkAsync(report, command, now, cancellationToken));
        }

        if (command.Hold is { } hold)
        {
            changes.Add(report.Hold(hold, command.Actor, now));
        }

        foreach (var change in changes.OfType<ReportChange>())
        {
            audit.Record(db, change);
            if (change.StatusRow is { } row)
            {
                db.StatusChanges.Add(row);
            }
        }

        if (command.Note is { } text)
        {
            db.Notes.Add(report.AddNote(command.Actor, now, noteId => sealer.SealNote(report, noteId, text.Trim())));
            audit.Append(db, command.Actor, AuditActions.NoteAdded, report);
        }

        if (command.Administration is { } destination)
        {
            // Last, so every other change of the request is the sender's; a line in each administration's log.
            var (from, to) = (administrations.Of(report.Administration), administrations.Find(destination)!);
            audit.Append(db, command.Actor, AuditActions.ReportTransferred, report, $"överförd till {to.Name}");
            db.Outbox.Add(report.TransferTo(administrations.Stored(to)));
            sealer.RewrapFor(report);
            audit.Append(db, command.Actor, AuditActions.ReportTransferred, report, $"överförd från {from.Name}");
        }

        await db.SaveChangesAsync(cancellationToken);
        var notes = await db.Notes.CountAsync(n => n.ReportId == report.Id, cancellationToken);
        var facets = sealer.OpenFacets(report);
        return new ReportState(
            report.Id, report.Reference.ToString(), report.Status.Code, report.ClosedOn, report.ForwardedTo, notes, facets.AssessedEnvironment, facets.LinkedTo,
            facets.Secrecy, report.RetentionHold);
    }

    /// <summary>The assessment and the link live in the sealed facets: opened, changed by the report, sealed again.</summary>
    private async Task<IReadOnlyList<ReportChange?>> CaseWorkAsync(Report report, UpdateReportCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var facets = sealer.OpenFacets(report);
        ReportChange? assessed = null, linked = null, marked = null;
        if (command.AssessedEnvironment is { } environment)
        {
            (facets, assessed) = report.Assess(facets, environment.Value, command.Actor, now);
        }

        if (command.LinkedTo is { } link)
        {
            var snapshot = await index.CurrentAsync(cancellationToken);
            ReportReference? target = null;
            if (link.Value is { } text)
            {
                ReportReference.TryParse(text, out var reference);
                target = snapshot.Find(reference) is not null
                    ? reference
                    : throw RequestValidationException.For("linkedTo", $"Det finns ingen rapport med referensen {reference}.");
            }

            (facets, linked) = report.LinkTo(facets, target, r => snapshot.Find(r)?.Facets.LinkedTo is { } next && ReportReference.TryParse(next, out var to) ? to : null, command.Actor, now);
        }

        if (command.Secrecy is { } secrecy)
        {
            (facets, marked) = report.MarkSecrecy(facets, secrecy.Value, command.Actor, now);
        }

        if (assessed is not null || linked is not null || marked is not null)
        {
            sealer.ReplaceFacets(report, facets);
        }

        return [assessed, linked, marked];
    }
}
