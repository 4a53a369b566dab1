using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Features.Identifiers;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;

namespace Reporting.Features.Records;

public sealed record RecordDisclosureRequest(
    string? Reference, string? RequestedOn, string? Requester, string? Decision, string? Ground, string? Recipient, bool? ConfirmNoIdentifiers = null) : IStrictJsonBody<RecordDisclosureRequest>
{
    public static JsonTypeInfo<RecordDisclosureRequest> JsonTypeInfo => ReportingJsonContext.Default.RecordDisclosureRequest;
}

/// <summary>
/// A request for a report and its decision, kept in the register of disclosures. The requester and the
/// recipient are typed texts: they go through the identifier check (a requester may be anonymous, and
/// a description such as "journalist" is usually enough) and are sealed like notes.
/// </summary>
public sealed record RecordDisclosureCommand(
    string Actor, string? Reference, string? RequestedOn, string? Requester, string? Decision, string? Ground, string? Recipient, bool? ConfirmNoIdentifiers)
    : ICommand<RecordDisclosureOutcome>;

public sealed record RecordDisclosureOutcome(Guid? Id, IReadOnlyList<IdentifierFinding> Findings, string? Field = null);

public sealed record RecordedDisclosure(Guid Id);

public sealed class RecordDisclosureValidator : AbstractValidator<RecordDisclosureCommand>
{
    public const int TextMaxLength = 200;

    public RecordDisclosureValidator(OrganisationProfile organisation)
    {
        RuleFor(c => c.Reference).Must(r => ReportReference.TryParse(r, out _)).WithMessage("Ange rapportens referens som ÅÅÅÅ-NNN, till exempel 2026-004.");
        RuleFor(c => c.RequestedOn).Cascade(CascadeMode.Stop)
            .Must(d => IsoDate.TryParse(d, out _)).WithMessage("Ange dagen då begäran kom in som ÅÅÅÅ-MM-DD.")
            .Must(d => IsoDate.TryParse(d, out var day) && day <= organisation.Today()).WithMessage("Dagen kan inte vara i framtiden.");
        RuleFor(c => c.Requester).Cascade(CascadeMode.Stop)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Ange vem som begärde handlingen (en beskrivning räcker, till exempel \"journalist\" eller \"anonym\").")
            .MaximumLength(TextMaxLength).WithMessage($"Högst {TextMaxLength} tecken.")
            .CleanText("Beställaren");
        RuleFor(c => c.Decision).Must(d => d is not null && DisclosureDecisions.All.Contains(d))
            .WithMessage($"Välj beslut: {string.Join(", ", DisclosureDecisions.All)}.");
        RuleFor(c => c.Ground).Must(SecrecyMarking.IsProvision)
            .When(c => c.Decision is not null && DisclosureDecisions.IsAppealable(c.Decision))
            .WithMessage($"Ange grunden för att handlingen inte lämnas ut helt, till exempel \"{SecrecyMarking.Example}\".");
        RuleFor(c => c.Ground).Must(g => g is null || SecrecyMarking.IsProvision(g))
            .When(c => c.Decision == DisclosureDecisions.Released)
            .WithMessage($"Ange grunden som en bestämmelse, till exempel \"{SecrecyMarking.Example}\", eller utelämna den.");
        RuleFor(c => c.Recipient).MaximumLength(TextMaxLength).WithMessage($"Högst {TextMaxLength} tecken.").CleanText("Mottagaren");
    }
}

public sealed class RecordDisclosureHandler(ReportingDbContext db, ReportSealer sealer, IdentifierScanner identifiers, AuditLog audit, OrganisationProfile organisation)
    : ICommandHandler<RecordDisclosureCommand, RecordDisclosureOutcome>
{
    public async ValueTask<RecordDisclosureOutcome> Handle(RecordDisclosureCommand command, CancellationToken cancellationToken)
    {
        ReportReference.TryParse(command.Reference, out var reference);
        var report = await db.Reports.SingleOrDefaultAsync(r => r.ReferenceYear == reference.Year && r.ReferenceNumber == reference.Number, cancellationToken)
            ?? throw RequestValidationException.For("reference", $"Det finns ingen rapport med referensen {reference}.");
        foreach (var (field, text) in new[] { ("requester", command.Requester), ("recipient", command.Recipient) })
        {
            if (text is not null && identifiers.RefusedBy(text, command.ConfirmNoIdentifiers) is { } findings)
            {
                return new RecordDisclosureOutcome(null, findings, field);
            }
        }

        IsoDate.TryParse(command.RequestedOn, out var requestedOn);
        var disclosure = Disclosure.New(RandomIds.NewGuid(), report.Id, requestedOn);
        var content = new DisclosureContent(
            command.Requester!.Trim(), command.Decision!, command.Ground, string.IsNullOrWhiteSpace(command.Recipient) ? null : command.Recipient.Trim(),
            command.Actor, organisation.Today());
        disclosure.Content = sealer.SealDisclosure(report, disclosure.Id, content);
        db.Disclosures.Add(disclosure);
        audit.Append(db, command.Actor, AuditActions.DisclosureRecorded, report,
            string.Create(CultureInfo.InvariantCulture, $"begäran {requestedOn:yyyy-MM-dd}: {DisclosureDecisions.Label(command.Decision!).ToLowerInvariant()}"));
        await db.SaveChangesAsync(cancellationToken);
        return new RecordDisclosureOutcome(disclosure.Id, []);
    }
}
