using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Mediator;
using Microsoft.Extensions.Options;
using Reporting.Features.Audit;
using Reporting.Features.Notifications;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Pdf;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;

namespace Reporting.Features.Surveys;

/// <summary>POST /api/surveys/{id}/slips <c>{"codes": [...]}</c>: the codes travel in the body, never in an address.</summary>
public sealed record SurveySlipsRequest(IReadOnlyList<string>? Codes) : IStrictJsonBody<SurveySlipsRequest>
{
    public static JsonTypeInfo<SurveySlipsRequest> JsonTypeInfo => ReportingJsonContext.Default.SurveySlipsRequest;
}

/// <summary>
/// A PDF of slips to cut out and hand to unit managers, one code each. The service keeps only the
/// codes' hashes, so the coordinator sends back the codes they were shown. Every well-formed code
/// gets its slip, whether it has been used or not: an answer that told used codes from unused ones
/// would let whoever handed out the slips see which unit manager has just answered. Audited with the count.
/// </summary>
public sealed record ExportSurveySlipsCommand(string Actor, string? SurveyId, IReadOnlyList<string>? Codes) : ICommand<byte[]?>;

public sealed class ExportSurveySlipsHandler(
    ReportingDbContext db,
    AuditLog audit,
    OrganisationProfile organisation,
    IOptions<NotificationOptions> notifications) : ICommandHandler<ExportSurveySlipsCommand, byte[]?>
{
    public const int SlipsPerPage = SlipSheet.PerPage;

    public async ValueTask<byte[]?> Handle(ExportSurveySlipsCommand command, CancellationToken cancellationToken)
    {
        var survey = await SurveyLookup.FindAsync(db, command.SurveyId, cancellationToken);
        if (survey is null)
        {
            return null;
        }

        var codes = command.Codes ?? [];
        if (codes.Count is 0 or > OpenSurveyValidator.MaxCodes)
        {
            throw RequestValidationException.For("codes", $"Skicka 1–{OpenSurveyValidator.MaxCodes} koder att skriva ut.");
        }

        var normalised = new List<string>(codes.Count);
        for (var i = 0; i < codes.Count; i++)
        {
            normalised.Add(AnswerCodes.Normalise(codes[i]) ?? throw RequestValidationException.For($"codes[{i}]", AnswerCodes.FormatMessage));
        }

        var pdf = SlipSheet.Render($"Medarbetarenkät {survey.Year} – svarslappar – {organisation.Name}", [.. normalised.Select(code => SlipFor(survey, code))]);
        await audit.AppendNowAsync(db, command.Actor, AuditActions.SurveyExported,
            detail: $"{SurveyAudit.DetailPrefix(survey.Year)}{normalised.Count} svarslappar", cancellationToken: cancellationToken);
        return pdf;
    }

    /// <summary>One unit manager's slip: the code large, the short address to type, and a QR code that opens the survey with the code filled in.</summary>
    private Slip SlipFor(Survey survey, string code) => new(
        $"Medarbetarenkät {survey.Year}",
        $"om våldsbejakande extremism, {organisation.Name}. Svara för din verksamhet senast {survey.ClosesOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.",
        "Din kod:",
        AnswerCodes.Display(code),
        SurveyLinks.Page(notifications.Value, survey),
        SurveyLinks.WithCode(notifications.Value, survey, code),
        "Skanna QR-koden med mobilen, eller gå till adressen och skriv koden. Enkäten är anonym: koden visar bara att svaret hör till enkäten och kan användas en gång. Skriv inga namn.");
}
