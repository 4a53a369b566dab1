using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Features.Audit;
using Reporting.Features.Organisation;
using Reporting.Features.Summaries;
using Reporting.Features.Surveys;
using Reporting.Infrastructure.Docx;
using Reporting.Infrastructure.Pdf;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.SituationPictures;

public enum SituationPictureFormat
{
    Docx,
    Pdf,
}

/// <summary>The year's lägesbild as a Word document or a PDF, internal or shareable; every export is written to the audit log.</summary>
public sealed record ExportSituationPictureQuery(string Actor, int Year, SummaryVariant Variant, SituationPictureFormat Format) : IQuery<ExportedDocument>;

public sealed record ExportedDocument(byte[] Content, string ContentType, string FileName);

public sealed class ExportSituationPictureValidator : AbstractValidator<ExportSituationPictureQuery>
{
    public ExportSituationPictureValidator(OrganisationProfile organisation)
    {
        RuleFor(q => q.Year).Must(year => SummaryYears.IsValid(year, organisation)).WithName("year").WithMessage(SummaryYears.Message);
    }
}

public sealed class ExportSituationPictureHandler(
    YearAggregation aggregation,
    ReportingDbContext db,
    SituationPictureSealer sealer,
    AuditLog audit,
    OrganisationProfile organisation,
    IOptions<SummariesOptions> options,
    SurveyTally surveys,
    TimeProvider time) : IQueryHandler<ExportSituationPictureQuery, ExportedDocument>
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public async ValueTask<ExportedDocument> Handle(ExportSituationPictureQuery query, CancellationToken cancellationToken)
    {
        var summary = await aggregation.BuildAsync(query.Year, cancellationToken);
        var stored = await db.SituationPictures.AsNoTracking().SingleOrDefaultAsync(p => p.Year == query.Year, cancellationToken);
        var content = stored is null ? SituationPictureContent.Empty : sealer.Open(stored);
        var survey = await db.Surveys.AsNoTracking().SingleOrDefaultAsync(s => s.Year == query.Year, cancellationToken);
        var surveyResults = survey is null ? null : await surveys.ResultsAsync(survey, query.Variant, cancellationToken);
        var earlier = await db.SituationPictures.AsNoTracking()
            .Where(p => p.Year < query.Year && p.Year > query.Year - SourceTrend.YearsShown)
            .ToListAsync(cancellationToken);
        var earlierYears = earlier.ToDictionary(p => p.Year, sealer.Open);
        var document = new SituationPictureDocument(
            summary, content, surveyResults, query.Variant, organisation, options.Value.SuppressBelow, time.GetUtcNow(), earlierYears);
        var blocks = document.Blocks();
        var (bytes, type, extension) = query.Format == SituationPictureFormat.Docx
            ? (DocxComposer.Render(document.Frame, blocks), DocxContentType, "docx")
            : (PdfComposer.Render(document.Frame, blocks), "application/pdf", "pdf");
        await audit.AppendNowAsync(db, query.Actor, AuditActions.SituationPictureExported,
            detail: $"{SituationPictureAudit.DetailPrefix(query.Year)}{extension} {document.VariantLabel.ToLowerInvariant()}, version {stored?.Version ?? 0}"
                + (earlierYears.Count == 0 ? string.Empty : $", utveckling ur {string.Join(", ", earlierYears.Keys.Order())}"),
            cancellationToken: cancellationToken);
        return new ExportedDocument(bytes, type, $"lagesbild-{query.Year}-{(query.Variant == SummaryVariant.Internal ? "intern" : "delbar")}.{extension}");
    }
}
