using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Features.Audit;
using Reporting.Features.Reports.Indexing;
using Reporting.Features.SituationPictures;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Docx;
using Reporting.Infrastructure.Pdf;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.City;

/// <summary>
/// The city's roll-up of the year's lägesbilder (<c>GET /api/city/situation-pictures/2026.docx</c> and
/// <c>.pdf</c>): the counts per administration and environment, suppressed as the city's summary is,
/// then each administration's assessments per environment as its coordinator wrote them (they were
/// identifier-checked when saved). No report, no source's figures. Audited.
/// </summary>
public sealed record ExportCitySituationPicturesQuery(string Actor, int Year, SituationPictureFormat Format) : IQuery<ExportedDocument>;

public sealed class ExportCitySituationPicturesHandler(
    ReportIndex index,
    Administrations.AdministrationCatalogue administrations,
    ReportingDbContext db,
    SituationPictureSealer sealer,
    AuditLog audit,
    Organisation.OrganisationProfile organisation,
    IOptions<SummariesOptions> options) : IQueryHandler<ExportCitySituationPicturesQuery, ExportedDocument>
{
    public async ValueTask<ExportedDocument> Handle(ExportCitySituationPicturesQuery query, CancellationToken cancellationToken)
    {
        var summary = BuildCitySummaryHandler.Of(await index.CurrentAsync(cancellationToken), administrations, query.Year, options.Value.SuppressBelow);
        // The city reads every administration's picture (its context has no administration of its own).
        var pictures = (await db.SituationPictures.AsNoTracking().Where(p => p.Year == query.Year).ToListAsync(cancellationToken))
            .Where(p => p.Administration.Length == 0 || administrations.Find(p.Administration) is not null) // not an administration no longer configured
            .GroupBy(p => p.Administration.Length == 0 ? administrations.Home.Code : p.Administration, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => sealer.Open(g.First()), StringComparer.Ordinal);
        var blocks = Blocks(summary, pictures, organisation.Name, organisation.Today());
        var frame = new PdfPageFrame($"Stadens lägesbild {query.Year}", null, $"Stadens lägesbild {query.Year} · {organisation.Name}");
        var (bytes, type, extension) = query.Format == SituationPictureFormat.Docx
            ? (DocxComposer.Render(frame, blocks), ExportSituationPictureHandler.DocxContentType, "docx")
            : (PdfComposer.Render(frame, blocks), "application/pdf", "pdf");
        await audit.AppendNowAsync(db, query.Actor, AuditActions.SituationPictureExported,
            detail: $"staden {query.Year}, {extension}, {pictures.Count} av {administrations.All.Count} förvaltningars lägesbilder", cancellationToken: cancellationToken);
        return new ExportedDocument(bytes, type, $"stadens-lagesbild-{query.Year}.{extension}");
    }

    private static List<PdfBlock> Blocks(CitySummary summary, IReadOnlyDictionary<string, SituationPictureContent> pictures, string cityName, DateOnly createdOn)
    {
        List<PdfBlock> blocks =
        [
            new PdfParagraph($"Stadens lägesbild {summary.Year}", PdfTextStyle.Title),
            new PdfParagraph(cityName, PdfTextStyle.Lead),
            new PdfParagraph(
                $"Förvaltningarnas lokala lägesbilder för {summary.Year}: först antalet rapporter per förvaltning och miljö, sedan varje förvaltnings " +
                $"bedömning per miljö som dess samordnare skrev den. Antal från 1 till {summary.SuppressBelow - 1} visas som \"<{summary.SuppressBelow}\", och så " +
                $"många andra som behövs som \"x\". Skapad {createdOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}."),
            new PdfHeading("Rapporter per förvaltning och miljö", 1),
            CitySummaryDocument.ByEnvironment(summary),
        ];
        foreach (var administration in summary.Administrations)
        {
            blocks.Add(new PdfHeading(administration.Name, 1));
            if (!pictures.TryGetValue(administration.Code, out var picture))
            {
                blocks.Add(new PdfParagraph($"Ingen lägesbild sparad för {summary.Year}."));
                continue;
            }

            foreach (var (_, _, heading, text) in picture.Assessments.Parts())
            {
                blocks.Add(new PdfHeading(heading, 2));
                blocks.Add(new PdfParagraph(string.IsNullOrWhiteSpace(text) ? "Ingen bedömning skriven." : text));
            }
        }

        return blocks;
    }
}
