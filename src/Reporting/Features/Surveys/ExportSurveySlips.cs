using System.Globalization;
using Mediator;
using Microsoft.Extensions.Options;
using Reporting.Features.Audit;
using Reporting.Features.Notifications;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Pdf;
using Reporting.Infrastructure.Persistence;
using Reporting.Pipeline;

namespace Reporting.Features.Surveys;

/// <summary>POST /api/surveys/{id}/slips <c>{"codes": [...]}</c>: the codes travel in the body, never in an address.</summary>
public sealed record SurveySlipsRequest(IReadOnlyList<string>? Codes);

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
    public const int SlipsPerPage = 4;

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

        var pdf = PdfComposer.Render(Frame(survey), Slips(survey, normalised));
        await audit.AppendNowAsync(db, command.Actor, AuditActions.SurveyExported,
            detail: $"{SurveyAudit.DetailPrefix(survey.Year)}{normalised.Count} svarslappar", cancellationToken: cancellationToken);
        return pdf;
    }

    private PdfPageFrame Frame(Survey survey) =>
        new($"Medarbetarenkät {survey.Year} – svarslappar – {organisation.Name}", null, $"Medarbetarenkät {survey.Year} · {organisation.Name}");

    private List<PdfBlock> Slips(Survey survey, IReadOnlyList<string> codes)
    {
        var url = SurveyLinks.Page(notifications.Value, survey.Id);
        var blocks = new List<PdfBlock>();
        for (var i = 0; i < codes.Count; i++)
        {
            if (i > 0 && i % SlipsPerPage == 0)
            {
                blocks.Add(new PdfPageBreak());
            }

            blocks.Add(new PdfHeading($"Medarbetarenkät {survey.Year} om våldsbejakande extremism", 2));
            blocks.Add(new PdfParagraph(
                $"Svara för din verksamhet senast {survey.ClosesOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} på\n{url}\n" +
                "Enkäten är anonym: koden visar bara att svaret hör till enkäten och kan användas en gång. Skriv inga namn."));
            blocks.Add(new PdfParagraph($"Din kod: {AnswerCodes.Display(codes[i])}", PdfTextStyle.Lead));
            blocks.Add(new PdfParagraph("– – – – – – – – – – – – klipp här – – – – – – – – – – – –", PdfTextStyle.Small));
        }

        return blocks;
    }
}
