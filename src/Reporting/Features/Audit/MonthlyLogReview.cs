using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Pdf;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Audit;

/// <summary>
/// The month's log review (logguppföljning, as IMY expects of a system with sensitive data): per
/// coordinator, which reports they opened and when, their photo views and exports, and their
/// sign-ins, as a PDF for whoever reviews the log. Codes, references and times only.
/// </summary>
public sealed record MonthlyLogReviewQuery(string Actor, string? Month) : IQuery<LogReviewDocument>;

public sealed record LogReviewDocument(byte[] Pdf, string FileName, int Lines);

public sealed partial class MonthlyLogReviewValidator : AbstractValidator<MonthlyLogReviewQuery>
{
    public const string Message = "Ange månaden som ÅÅÅÅ-MM, till exempel 2026-11.";

    public MonthlyLogReviewValidator(OrganisationProfile organisation)
    {
        RuleFor(q => q.Month).Cascade(CascadeMode.Stop)
            .Must(m => m is not null && MonthPattern().IsMatch(m)).WithName("month").WithMessage(Message)
            .Must(m => MonthlyLogReviewHandler.FirstDay(m!) is { } first && first.Year >= 2000 && first <= organisation.Today())
            .WithName("month").WithMessage("Månaden har inte börjat ännu.");
    }

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthPattern();
}

public sealed class MonthlyLogReviewHandler(ReportingDbContext db, AuditLog audit, OrganisationProfile organisation)
    : IQueryHandler<MonthlyLogReviewQuery, LogReviewDocument>
{
    /// <summary>Opening a report or its photos: what the review lists line by line.</summary>
    private static readonly string[] Opened = [AuditActions.ReportRead, AuditActions.PhotoViewed];

    /// <summary>Everything that takes data out of the service: counted per coordinator.</summary>
    private static readonly string[] Exports =
    [
        AuditActions.SummaryExported, AuditActions.SituationPictureExported, AuditActions.SurveyExported, AuditActions.RegisterExported,
        AuditActions.RedactedCopyMade, AuditActions.DisclosuresRead, AuditActions.ArchivePackaged, AuditActions.AuditLogRead,
    ];

    private static readonly HashSet<string> NotCoordinators =
        new([AuditActors.System, AuditActors.CommandLine, AuditActors.UnknownAccount, ReporterActivity.Actor], StringComparer.Ordinal);

    public static DateOnly? FirstDay(string month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public async ValueTask<LogReviewDocument> Handle(MonthlyLogReviewQuery query, CancellationToken cancellationToken)
    {
        var first = FirstDay(query.Month!)!.Value;
        var (start, end) = (organisation.StartOfDay(first), organisation.StartOfDay(first.AddMonths(1)));
        var entries = await db.AuditLog.AsNoTracking().Where(e => e.At >= start && e.At < end).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        // Only what coordinators did: the reporter's and the service's own lines are not anyone's to review.
        var coordinators = entries.Where(e => !NotCoordinators.Contains(e.Actor)).GroupBy(e => e.Actor, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).ToList();
        var blocks = new List<PdfBlock>
        {
            new PdfParagraph($"Logguppföljning {query.Month}", PdfTextStyle.Title),
            new PdfParagraph(organisation.Name, PdfTextStyle.Lead),
            new PdfParagraph(
                $"Vilka rapporter varje samordnare öppnade under {query.Month}, och när; foton som visades, exporter och inloggningar. " +
                $"{coordinators.Count} {(coordinators.Count == 1 ? "konto" : "konton")}, {entries.Count(e => e.Action == AuditActions.ReportRead)} öppnade rapporter. " +
                "Granska att varje öppning hade ett tjänsteskäl; loggen själv kan inte ändras eller raderas."),
        };
        if (coordinators.Count == 0)
        {
            blocks.Add(new PdfParagraph("Ingen samordnare var inloggad under månaden."));
        }

        foreach (var coordinator in coordinators)
        {
            var lines = coordinator.ToList();
            blocks.Add(new PdfHeading(coordinator.Key, 1));
            blocks.Add(new PdfParagraph(
                $"Inloggningar: {lines.Count(e => e.Action == AuditActions.SignedIn)}. Misslyckade inloggningar: {lines.Count(e => e.Action == AuditActions.SignInFailed)}. " +
                $"Exporter: {lines.Count(e => Exports.Contains(e.Action))}."));
            var opened = lines.Where(e => Opened.Contains(e.Action)).ToList();
            if (opened.Count == 0)
            {
                blocks.Add(new PdfParagraph("Öppnade inga rapporter."));
                continue;
            }

            blocks.Add(new PdfTable(
                [new PdfColumn("När", 1.6), new PdfColumn("Rapport", 1), new PdfColumn("Vad", 2)],
                [.. opened.Select(e => (IReadOnlyList<string>)
                [
                    organisation.LocalTime(e.At).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), e.Reference ?? "–", AuditActions.Label(e.Action),
                ])],
                FontSize: 8));
        }

        await audit.AppendNowAsync(db, query.Actor, AuditActions.AuditLogRead,
            detail: $"logguppföljning {query.Month}, {coordinators.Count} konton", cancellationToken: cancellationToken);
        var pdf = PdfComposer.Render(
            new PdfPageFrame($"Logguppföljning {query.Month} – {organisation.Name}", "Intern – innehåller uppgifter om vem som läst vilka rapporter", $"Logguppföljning {query.Month} · {organisation.Name}"),
            blocks);
        return new LogReviewDocument(pdf, $"logguppfoljning-{query.Month}.pdf", entries.Count);
    }
}
