using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Reporting.Features.Audit;
using Reporting.Features.Coordinators;
using Reporting.Infrastructure.Persistence;
using Reporting.Features.Organisation;

namespace Reporting.Features.Summaries;

/// <summary>The quarterly PDF, internal or shareable; every export is written to the audit log.</summary>
public sealed record ExportQuarterSummaryQuery(string Actor, Quarter Quarter, SummaryVariant Variant) : IQuery<SummaryPdf>;

public sealed record SummaryPdf(byte[] Content, string FileName, int Reports);

public sealed class ExportQuarterSummaryHandler(
    QuarterAggregation aggregation,
    ReportingDbContext db,
    AuditLog audit,
    OrganisationProfile organisation,
    IOptions<SummariesOptions> options,
    TimeProvider time) : IQueryHandler<ExportQuarterSummaryQuery, SummaryPdf>
{
    public async ValueTask<SummaryPdf> Handle(ExportQuarterSummaryQuery query, CancellationToken cancellationToken)
    {
        var (summary, reports) = await aggregation.BuildAsync(query.Quarter, withReports: query.Variant == SummaryVariant.Internal, cancellationToken);
        var document = new QuarterlySummaryDocument(summary, reports, query.Variant, organisation, options.Value.SuppressBelow, time.GetUtcNow());
        var pdf = document.Render();
        await audit.AppendNowAsync(db, query.Actor, AuditActions.SummaryExported,
            detail: $"{query.Quarter} {document.VariantLabel.ToLowerInvariant()}, {summary.Total} rapporter", cancellationToken: cancellationToken);
        return new SummaryPdf(pdf, FileName(query.Quarter, query.Variant), summary.Total);
    }

    public static string FileName(Quarter quarter, SummaryVariant variant) =>
        $"kvartalssammanstallning-{quarter}-{(variant == SummaryVariant.Internal ? "intern" : "delbar")}.pdf";
}

public static class ExportQuarterSummaryEndpoint
{
    /// <summary>GET /api/summaries/{period}.pdf?variant=internal|shareable: a quarter (2026-Q3) or a year (2026).</summary>
    public static async Task<FileContentHttpResult> ExportSummary(
        string period, string? variant, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var chosen = SummaryVariants.Parse(variant);
        var pdf = period.Length == 4
            ? await mediator.Send(new ExportYearSummaryQuery(context.User.Name(), SummaryYears.Parse(period), chosen), cancellationToken)
            : await mediator.Send(new ExportQuarterSummaryQuery(context.User.Name(), Quarter.Parse(period), chosen), cancellationToken);
        return TypedResults.File(pdf.Content, "application/pdf", pdf.FileName);
    }
}
