using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Reporting.Features.Audit;
using Reporting.Features.Coordinators;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Summaries;

/// <summary>A quarter's or a year's tables as XLSX or CSV (<see cref="SummarySpreadsheet"/>), internal or shareable; audited like the PDF.</summary>
public sealed record ExportSummaryTablesQuery(string Actor, string Period, SummaryVariant Variant, string Format) : IQuery<ExportedTables>;

public sealed record ExportedTables(byte[] Content, string ContentType, string FileName);

public sealed class ExportSummaryTablesValidator : AbstractValidator<ExportSummaryTablesQuery>
{
    public ExportSummaryTablesValidator(OrganisationProfile organisation)
    {
        RuleFor(q => q.Period).Must(p => Quarter.TryParse(p, out _) || (SummaryYears.TryParse(p, out var year) && SummaryYears.IsValid(year, organisation)))
            .WithName("period").WithMessage("Ange ett kvartal som 2026-Q3 eller ett år som 2026, högst innevarande år.");
        RuleFor(q => q.Format).Must(f => f is "xlsx" or "csv").WithName("format").WithMessage("xlsx eller csv.");
    }
}

public sealed class ExportSummaryTablesHandler(
    QuarterAggregation quarters, YearAggregation years, ReportingDbContext db, AuditLog audit, OrganisationProfile organisation, IOptions<SummariesOptions> options)
    : IQueryHandler<ExportSummaryTablesQuery, ExportedTables>
{
    public async ValueTask<ExportedTables> Handle(ExportSummaryTablesQuery query, CancellationToken cancellationToken)
    {
        SummarySpreadsheet sheet;
        int total;
        if (Quarter.TryParse(query.Period, out var quarter))
        {
            var summary = (await quarters.BuildAsync(quarter, withReports: false, cancellationToken)).Summary;
            (sheet, total) = (SummarySpreadsheet.Of(summary, query.Variant, organisation, options.Value.SuppressBelow), summary.Total);
        }
        else
        {
            var summary = await years.BuildAsync(SummaryYears.Parse(query.Period), cancellationToken);
            (sheet, total) = (SummarySpreadsheet.Of(summary, query.Variant, organisation, options.Value.SuppressBelow), summary.Total);
        }

        var variant = query.Variant == SummaryVariant.Internal ? "intern" : "delbar";
        await audit.AppendNowAsync(db, query.Actor, AuditActions.SummaryExported, detail: $"{query.Period} tabeller {variant} {query.Format}, {total} rapporter", cancellationToken: cancellationToken);
        return query.Format == "xlsx"
            ? new ExportedTables(sheet.Xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"sammanstallning-{query.Period}-{variant}.xlsx")
            : new ExportedTables(sheet.Csv(), "text/csv; charset=utf-8", $"sammanstallning-{query.Period}-{variant}.csv");
    }
}

public static class ExportSummaryTablesEndpoint
{
    /// <summary>GET /api/summaries/{period}.xlsx or .csv ?variant=internal|shareable.</summary>
    public static async Task<FileContentHttpResult> Export(string period, string format, string? variant, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var tables = await mediator.Send(new ExportSummaryTablesQuery(context.User.Name(), period, SummaryVariants.Parse(variant), format), cancellationToken);
        return TypedResults.File(tables.Content, tables.ContentType, tables.FileName);
    }
}
