using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using System.Text;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Pdf;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;

namespace Reporting.Features.Records;

/// <summary>A stretch of a text to black out, in the text's own offsets (UTF-16, end exclusive, as the identifier check's findings), with its ground.</summary>
public sealed record RedactionSpan(int? Start, int? End, string? Reason);

/// <summary>A message of the conversation to include in the copy, with its own spans (none: the message in full).</summary>
public sealed record MessageRedaction(int? Number, IReadOnlyList<RedactionSpan>? Spans);

public sealed record RedactedCopyRequest(IReadOnlyList<RedactionSpan>? Spans, IReadOnlyList<MessageRedaction>? Messages = null) : IStrictJsonBody<RedactedCopyRequest>
{
    public static JsonTypeInfo<RedactedCopyRequest> JsonTypeInfo => ReportingJsonContext.Default.RedactedCopyRequest;
}

/// <summary>
/// A copy of a report for disclosure (utlämnande): its closed fields, its secrecy marking and its
/// description, with each marked stretch replaced by a black bar and the provision it is withheld
/// under. The stretch's text is never written into the document (not hidden under the bar: absent),
/// and the bar has one length whatever it covers. The stored report is not changed; the copy is audited.
/// </summary>
public sealed record MakeRedactedCopyCommand(string Actor, Guid Id, IReadOnlyList<RedactionSpan>? Spans, IReadOnlyList<MessageRedaction>? Messages)
    : ICommand<RedactedCopy?>;

public sealed record RedactedCopy(byte[] Pdf, string FileName);

public sealed class MakeRedactedCopyValidator : AbstractValidator<MakeRedactedCopyCommand>
{
    public const int MaxSpans = 200;

    public MakeRedactedCopyValidator()
    {
        RuleFor(c => c.Spans).Must(s => s is null || s.Count <= MaxSpans).WithMessage($"Högst {MaxSpans} maskeringar.");
        RuleForEach(c => c.Spans).ChildRules(Span);
        RuleForEach(c => c.Messages).ChildRules(message =>
        {
            message.RuleFor(m => m.Number).NotNull().GreaterThan(0).WithMessage("Ange meddelandets nummer (1, 2, …).");
            message.RuleForEach(m => m.Spans).ChildRules(Span);
        });
    }

    private static void Span(InlineValidator<RedactionSpan> span)
    {
        span.RuleFor(s => s.Start).NotNull().GreaterThanOrEqualTo(0).WithMessage("Ange start som ett tal från 0.");
        span.RuleFor(s => s.End).NotNull().Must((s, end) => end > s.Start).WithMessage("Slutet ska ligga efter starten.");
        span.RuleFor(s => s.Reason).Must(SecrecyMarking.IsProvision).WithMessage($"Ange skälet som en bestämmelse, till exempel \"{SecrecyMarking.Example}\".");
    }
}

public sealed class MakeRedactedCopyHandler(ReportingDbContext db, ReportSealer sealer, AuditLog audit, OrganisationProfile organisation, ClosedQuestions questions)
    : ICommandHandler<MakeRedactedCopyCommand, RedactedCopy?>
{
    /// <summary>One length for every bar, so the copy does not tell how long a withheld name or number was.</summary>
    public const string Bar = "████████";

    public async ValueTask<RedactedCopy?> Handle(MakeRedactedCopyCommand command, CancellationToken cancellationToken)
    {
        var report = await db.Reports.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken);
        if (report is null)
        {
            return null;
        }

        var content = sealer.Open(report);
        var facets = sealer.OpenFacets(report);
        var description = Redacted(content.Description, command.Spans ?? [], "spans");
        var messages = new List<(ReportMessage Message, string Text)>();
        if (command.Messages is { Count: > 0 } wanted)
        {
            var stored = await db.Messages.AsNoTracking().Where(m => m.ReportId == report.Id).ToDictionaryAsync(m => m.Number, cancellationToken);
            for (var i = 0; i < wanted.Count; i++)
            {
                if (!stored.TryGetValue(wanted[i].Number!.Value, out var message))
                {
                    throw RequestValidationException.For($"messages[{i}].number", $"Rapporten har inget meddelande nummer {wanted[i].Number}.");
                }

                messages.Add((message, Redacted(sealer.OpenMessage(report, message), wanted[i].Spans ?? [], $"messages[{i}].spans")));
            }
        }

        var photos = await db.Photos.CountAsync(p => p.ReportId == report.Id && p.RedactedFrom == null, cancellationToken);
        var pdf = Document(report, content, facets, description, messages, photos);
        var spans = (command.Spans?.Count ?? 0) + (command.Messages?.Sum(m => m.Spans?.Count ?? 0) ?? 0);
        audit.Append(db, command.Actor, AuditActions.RedactedCopyMade, report, $"{spans} maskeringar");
        await db.SaveChangesAsync(cancellationToken);
        return new RedactedCopy(pdf, $"rapport-{report.Reference}-maskerad.pdf");
    }

    /// <summary>The text with each span replaced by the bar and its reason; spans outside the text or overlapping are a 400 naming them.</summary>
    public static string Redacted(string text, IReadOnlyList<RedactionSpan> spans, string field)
    {
        var ordered = spans.Select((s, i) => (Span: s, Index: i)).OrderBy(s => s.Span.Start).ToList();
        var result = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (span, index) in ordered)
        {
            var (start, end) = (span.Start!.Value, span.End!.Value);
            if (end > text.Length)
            {
                throw RequestValidationException.For($"{field}[{index}]", $"Maskeringen går utanför texten, som är {text.Length} tecken lång.");
            }

            if (start < at)
            {
                throw RequestValidationException.For($"{field}[{index}]", "Maskeringen överlappar en annan. Slå ihop dem till en.");
            }

            result.Append(text, at, start - at).Append(Bar).Append(" [").Append(span.Reason).Append(']');
            at = end;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }

    private byte[] Document(Report report, ReportContent content, ReportFacets facets, string description, List<(ReportMessage Message, string Text)> messages, int photos)
    {
        string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var marking = facets.Secrecy is { } secrecy ? $"Sekretessmarkering: {secrecy}" : "Ingen sekretessmarkering";
        List<PdfBlock> blocks =
        [
            new PdfParagraph($"Rapport {report.Reference} – kopia för utlämnande", PdfTextStyle.Title),
            new PdfParagraph(organisation.Name, PdfTextStyle.Lead),
            new PdfParagraph(
                "Kopia av allmän handling. Uppgifter som har bedömts omfattas av sekretess är ersatta med en svart markering och den bestämmelse " +
                $"som uppgiften hålls inne med stöd av. Markeringarna är lika långa oavsett hur mycket de döljer. Kopian skapades {Day(organisation.Today())}."),
            new PdfHeading("Uppgifter", 1),
            new PdfTable(
                [new PdfColumn("Uppgift", 2), new PdfColumn("Värde", 5)],
                [
                    ["Referens", report.Reference.ToString()],
                    ["Inkom", Day(report.ReceivedOn)],
                    ["Sekretessmarkering", facets.Secrecy ?? "Ingen"],
                    ["Kanal", ReportCodes.Channel.Label(facets.Channel)],
                    ["Typ av rapport", ReportCodes.Kind.Label(content.Kind)],
                    ["Datum för händelsen", Day(content.OccurredOn)],
                    ["Verksamhet", organisation.UnitName(content.Unit)],
                    ["Område", organisation.AreaName(content.Area)],
                    ["Miljö", ReportCodes.Environment.Label(content.Environment)],
                    ["Vad har iakttagits", string.Join(", ", content.Observations.Select(ReportCodes.Observation.Label))],
                    ["Symboler", content.Symbols.Count == 0 ? "–" : string.Join(", ", content.Symbols.Select(organisation.Symbols.Name))],
                    .. questions.Select(question => (string[])[question.Heading, question.Describe(content)]),
                    ["Foton", photos == 0 ? "Inga" : $"{photos} (ingår inte i kopian; lämnas ut, om alls, som maskerade kopior)"],
                ]),
            new PdfHeading("Beskrivning", 1),
            new PdfParagraph(description),
        ];
        if (messages.Count > 0)
        {
            blocks.Add(new PdfHeading("Meddelanden", 1));
            foreach (var (message, text) in messages)
            {
                blocks.Add(new PdfHeading($"Meddelande {message.Number}, {Day(message.SentOn)}, från {(message.From == ReportMessage.Reporter ? "rapportören" : "samordnaren")}", 2));
                blocks.Add(new PdfParagraph(text));
            }
        }

        if (content.ReporterContact is not null)
        {
            blocks.Add(new PdfParagraph("Rapportörens kontaktuppgift ingår inte i kopian.", PdfTextStyle.Small));
        }

        return PdfComposer.Render(
            new PdfPageFrame($"Rapport {report.Reference} – kopia för utlämnande – {organisation.Name}", marking, $"Rapport {report.Reference} · kopia för utlämnande · {organisation.Name}"),
            blocks);
    }
}
