using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Reporting.Features.Identifiers;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;
using Reporting.Features.Organisation;

namespace Reporting.Features.Reports;

/// <summary>A staff member's report, exactly as posted (JSON or the form). Codes as in PRODUCT.md.</summary>
public sealed record SubmitReportCommand(
    string? Kind,
    string? OccurredOn,
    string? Unit,
    string? Area,
    string? Environment,
    IReadOnlyList<string?>? Observations,
    string? PlaceCategory,
    string? AgeGroup,
    string? Gender,
    string? PeopleInvolved,
    IReadOnlyList<string?>? ActionsTaken,
    string? Description,
    string? ReporterContact,
    bool? ConfirmNoIdentifiers) : ICommand<SubmitReportOutcome>, IPostedAnswers
{
    /// <summary>Answers to questions declared after the first five, each a JSON property of its own (<see cref="ClosedQuestions.Json{T}"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Dictionary<string, IReadOnlyList<string?>?> OtherAnswers { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The hash of the staff form's single-use token (<see cref="Reports.FormToken"/>); never in the API's JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public byte[]? FormToken { get; init; }

    /// <summary>Photos as uploaded (multipart parts or the form's file field), in order; cleaned before anything is stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<byte[]>? Photos { get; init; }

    /// <summary>Symbols from the catalogue (<c>GET /api/symbols</c>) the reporter recognised; optional.</summary>
    public IReadOnlyList<string?>? Symbols { get; init; }

    /// <summary>The förvaltning the report is for (a code of <c>Administrations</c>): required when several are configured.</summary>
    public string? Administration { get; init; }

    /// <summary>The content to seal, with the form's defaults applied and text normalised; only after the validator has run.</summary>
    public ReportContent ToContent() => new(
        Kind: Kind!,
        OccurredOn: IsoDate.TryParse(OccurredOn, out var occurredOn) ? occurredOn : throw new InvalidOperationException("The validator lets only valid dates through."),
        Unit: Unit!,
        Area: Area ?? ReportCodes.Unknown,
        Environment: Environment!,
        Observations: [.. Observations!.OfType<string>().Distinct(StringComparer.Ordinal)],
        PlaceCategory: PlaceCategory ?? ReportCodes.Unknown,
        AgeGroup: AgeGroup ?? ReportCodes.Unknown,
        Gender: Gender ?? ReportCodes.Unknown,
        PeopleInvolved: PeopleInvolved ?? ReportCodes.Unknown,
        ActionsTaken: [.. (ActionsTaken ?? []).OfType<string>().Distinct(StringComparer.Ordinal)],
        Description: FreeTextRules.Normalise(Description!),
        ReporterContact: FreeTextRules.Stored(ReporterContact))
    {
        Symbols = [.. (Symbols ?? []).OfType<string>().Distinct(StringComparer.Ordinal)],
        // Only declared questions get here (the JSON reader and the form read no others); unanswered ones are not stored.
        OtherAnswers = OtherAnswers.Where(a => a.Value is { Count: > 0 }).ToDictionary(
            a => a.Key, a => (IReadOnlyList<string>)[.. a.Value!.OfType<string>().Distinct(StringComparer.Ordinal)], StringComparer.Ordinal) is { Count: > 0 } other ? other : null,
    };

    /// <summary>The identifier check's verdict on the description: null when it may be stored.</summary>
    public IReadOnlyList<IdentifierFinding>? RefusedBy(IdentifierScanner identifiers)
    {
        // The check reads the text as posted, so the offsets of its findings are the sender's own.
        return identifiers.RefusedBy(Description!, ConfirmNoIdentifiers);
    }
}

/// <summary>What the reporter gets back: the receipt to quote, the day it was received, and for each photo what it carried that is gone.</summary>
public sealed record ReportReceipt(
    string Receipt,
    DateOnly ReceivedOn,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<Photos.PhotoReceipt>? Photos = null);

/// <summary>Either a receipt, the identifiers that stop the report from being accepted, or (the staff form posted twice) that it was sent already.</summary>
public sealed record SubmitReportOutcome(ReportReceipt? Receipt, IReadOnlyList<IdentifierFinding> Findings, bool AlreadySent = false)
{
    public static SubmitReportOutcome Accepted(ReportReceipt receipt) => new(receipt, []);

    public static SubmitReportOutcome Refused(IReadOnlyList<IdentifierFinding> findings) => new(null, findings);

    public static SubmitReportOutcome SentBefore { get; } = new(null, [], AlreadySent: true);
}

public sealed class SubmitReportValidator : AbstractValidator<SubmitReportCommand>
{
    public SubmitReportValidator(
        OrganisationProfile organisation,
        Administrations.AdministrationCatalogue administrations,
        ClosedQuestions questions,
        Microsoft.Extensions.Options.IOptions<Photos.AttachmentsOptions> attachments,
        Symbols.SymbolCatalogue symbols)
    {
        // Units and areas are the administration's; an unknown or missing administration is said once, by its own field.
        Administrations.Administration For(SubmitReportCommand c) => administrations.Find(c.Administration) ?? administrations.Home;
        RuleFor(c => c.Administration).Cascade(CascadeMode.Stop)
            .Must(code => code is not null || !administrations.AreSeveral).WithMessage("Ange förvaltningen (administration): tjänsten tar emot rapporter för flera.")
            .Must(code => code is null || administrations.Find(code) is not null).WithMessage("Okänd förvaltning.");

        RuleFor(c => c.Photos)
            .Must(photos => photos is null || photos.Count == 0 || attachments.Value.Enabled).WithMessage("Tjänsten tar inte emot bilder.")
            .Must(photos => photos is null || photos.Count <= attachments.Value.MaxPhotos).WithMessage($"Högst {attachments.Value.MaxPhotos} bilder.");

        RuleFor(c => c.Kind).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Välj typ av rapport.")
            .Must(ReportCodes.Kind.Contains).WithMessage(UnknownCode);

        RuleFor(c => c.OccurredOn).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Ange datum för händelsen eller iakttagelsen.")
            .Must(date => IsoDate.TryParse(date, out _)).WithMessage("Ange ett giltigt datum som ÅÅÅÅ-MM-DD.")
            .Must(date => IsoDate.TryParse(date, out var d) && d <= organisation.Today()).WithMessage("Datumet kan inte vara i framtiden.")
            .Must(date => IsoDate.TryParse(date, out var d) && d.Year >= 1900).WithMessage("Datumet är för långt bak i tiden.");

        RuleFor(c => c.Unit).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Välj verksamhet.")
            .Must((c, code) => For(c).UnitCodes.Contains(code!)).WithMessage(UnknownCode);

        RuleFor(c => c.Area)
            .Must((c, code) => code is null || code == ReportCodes.Unknown || For(c).AreaCodes.Contains(code)).WithMessage(UnknownCode);

        RuleFor(c => c.Environment).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Välj miljö (välj Oklart om du inte vet).")
            .Must(ReportCodes.Environment.Contains).WithMessage(UnknownCode);

        RuleFor(c => c.Observations).NotEmpty().WithMessage("Välj minst ett alternativ för vad som har iakttagits.");
        RuleForEach(c => c.Observations).Must(ReportCodes.Observation.Contains).WithMessage(UnknownCode);

        RuleFor(c => c.Symbols)
            .Must(codes => codes is null || codes.Count <= Symbols.SymbolCatalogue.MaxPerReport)
            .WithMessage($"Välj högst {Symbols.SymbolCatalogue.MaxPerReport} symboler.");
        RuleForEach(c => c.Symbols).Must(code => code is not null && symbols.Codes.Contains(code)).WithMessage("Okänd symbol. Välj bland symbolerna i listan (GET /api/symbols).");

        foreach (var question in questions)
        {
            if (question.IsSet)
            {
                RuleForEach(c => question.Posted(c)).Must(question.Codes.Contains).WithMessage(UnknownCode).OverridePropertyName(question.Name);
            }
            else
            {
                RuleFor(c => question.Posted(c)).Cascade(CascadeMode.Stop)
                    .Must(codes => codes is null || codes.Count == 1).WithMessage("Välj ett alternativ.")
                    .Must(codes => codes is null || question.Codes.Contains(codes[0])).WithMessage(UnknownCode)
                    .OverridePropertyName(question.Name);
            }

            if (question.Exclusive is var (exclusive, message))
            {
                RuleFor(c => question.Posted(c))
                    .Must(codes => codes is null || !(codes.Contains(exclusive) && codes.Distinct().Count() > 1)).WithMessage(message)
                    .OverridePropertyName(question.Name);
            }
        }

        RuleFor(c => c.Description).Cascade(CascadeMode.Stop)
            .Must(text => !string.IsNullOrWhiteSpace(text)).WithMessage("Skriv en kort beskrivning.")
            .MaximumLength(ReportCodes.DescriptionMaxLength).WithMessage($"Beskrivningen får vara högst {ReportCodes.DescriptionMaxLength} tecken.")
            .CleanText("Beskrivningen");

        RuleFor(c => c.ReporterContact).Cascade(CascadeMode.Stop)
            .MaximumLength(ReportCodes.ReporterContactMaxLength).WithMessage($"Kontaktuppgiften får vara högst {ReportCodes.ReporterContactMaxLength} tecken.")
            .CleanText("Kontaktuppgiften");
    }

    private const string UnknownCode = "Okänt värde för fältet.";
}

public sealed class SubmitReportHandler(
    IdentifierScanner identifiers,
    ReportSealer sealer,
    ReceiptCode receipts,
    ReportWriter writer,
    Photos.PhotoCleaner cleaner,
    Records.SecrecyMarking secrecy,
    OrganisationProfile organisation,
    Administrations.AdministrationCatalogue administrations,
    Infrastructure.Telemetry.ReportingMetrics metrics) : ICommandHandler<SubmitReportCommand, SubmitReportOutcome>
{
    public async ValueTask<SubmitReportOutcome> Handle(SubmitReportCommand command, CancellationToken cancellationToken)
    {
        metrics.IdentifierChecks.Add();
        if (command.RefusedBy(identifiers) is { } findings)
        {
            metrics.BlockingFindings.Add(findings.Count(finding => finding.Blocking));
            return SubmitReportOutcome.Refused(findings);
        }

        // Every photo is cleaned before anything is stored: one that cannot be is a 400 naming it, and nothing is written.
        var cleaned = new List<Photos.CleanedPhoto>();
        for (var i = 0; i < (command.Photos?.Count ?? 0); i++)
        {
            cleaned.Add(await cleaner.CleanAsync(command.Photos![i], i, cancellationToken));
        }

        // A random (v4) id: a time-ordered id would record the received time to the millisecond.
        var id = RandomIds.NewGuid();
        var receipt = ReceiptCode.NewCode();
        var receivedOn = organisation.Today();
        var administration = administrations.Stored(administrations.Find(command.Administration) ?? administrations.Home);
        var (report, alert) = Report.Submit(
            id, receivedOn, receipts.Hash(receipt), sealer.Seal(id, command.ToContent(), ReportCodes.FormChannel, secrecy.SuggestedFor(command.Unit!), administration), administration);
        var photos = cleaned.Select((photo, i) =>
        {
            var stored = Photos.ReportPhoto.Original(RandomIds.NewGuid(), id, i + 1, photo.Width, photo.Height);
            stored.Content = sealer.SealPhoto(report, stored.Id, photo.Jpeg);
            return stored;
        }).ToList();

        try
        {
            await writer.StoreAsync(report, alert, command.FormToken, photos);
        }
        catch (FormAlreadySentException)
        {
            return SubmitReportOutcome.SentBefore;
        }

        metrics.Reports.Add();
        return SubmitReportOutcome.Accepted(new ReportReceipt(receipt, receivedOn, cleaned.Count == 0 ? null : [.. cleaned.Select(p => new Photos.PhotoReceipt(p.Removed))]));
    }
}

public static class SubmitReportEndpoint
{
    /// <summary>
    /// POST /api/reports: anyone may report; the answer is a receipt and nothing about the report. A
    /// JSON body, or <c>multipart/form-data</c> with the report JSON in the part <c>report</c> and up to
    /// <c>Attachments:MaxPhotos</c> parts <c>photos</c>.
    /// </summary>
    public static async Task<Results<Created<ReportReceipt>, ProblemHttpResult>> SubmitReport(
        HttpRequest request, IMediator mediator, ClosedQuestions questions, Microsoft.Extensions.Options.IOptions<Photos.AttachmentsOptions> attachments, CancellationToken cancellationToken)
    {
        var command = request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true
            ? await ReadMultipartAsync(request, questions, attachments.Value, cancellationToken)
            : await JsonBody.ReadAsync(request, questions.Json(ReportingJsonContext.Default.SubmitReportCommand), cancellationToken);
        var outcome = await mediator.Send(command, cancellationToken);
        return outcome.Receipt is { } receipt
            ? TypedResults.Created((string?)null, receipt)
            : IdentifiersProblem.For(outcome.Findings);
    }

    private static async Task<SubmitReportCommand> ReadMultipartAsync(HttpRequest request, ClosedQuestions questions, Photos.AttachmentsOptions attachments, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            throw RequestValidationException.For("body", "The multipart body could not be read.");
        }

        // The report JSON as a text part, or as a file part (curl -F report=@report.json).
        byte[] json;
        if (form.Files.GetFile("report") is { } file)
        {
            if (file.Length > JsonBody.MaxBytes)
            {
                throw new BadHttpRequestException("Body too large.", StatusCodes.Status413PayloadTooLarge);
            }

            using var memory = new MemoryStream();
            await file.CopyToAsync(memory, cancellationToken);
            json = memory.ToArray();
        }
        else if (form.TryGetValue("report", out var text) && text.Count == 1)
        {
            json = System.Text.Encoding.UTF8.GetBytes(text[0] ?? string.Empty);
            if (json.Length > JsonBody.MaxBytes)
            {
                throw new BadHttpRequestException("Body too large.", StatusCodes.Status413PayloadTooLarge);
            }
        }
        else
        {
            throw RequestValidationException.For("report", "Send the report's JSON in the part \"report\".");
        }

        var command = JsonBody.Deserialize(json, questions.Json(ReportingJsonContext.Default.SubmitReportCommand));
        return command with { Photos = await Photos.PhotoUploads.ReadAsync(form.Files.GetFiles("photos"), attachments, cancellationToken) };
    }
}

/// <summary>Serialises report content for sealing, padded so the ciphertext length hides the text length.</summary>
public static class ReportContentSerializer
{
    public static byte[] Serialize(ReportContent content) => PaddedJson.Serialize(content, ReportingJsonContext.Default.ReportContent);

    public static ReportContent Deserialize(ReadOnlySpan<byte> utf8) => PaddedJson.Deserialize(utf8, ReportingJsonContext.Default.ReportContent);
}
