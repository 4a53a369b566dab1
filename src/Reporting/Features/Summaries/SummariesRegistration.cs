using Mediator;
using Reporting.Features.Coordinators;

namespace Reporting.Features.Summaries;

public static class SummariesRegistration
{
    public static IServiceCollection AddSummaries(this IServiceCollection services)
    {
        services.AddOptions<SummariesOptions>().BindConfiguration(SummariesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<QuarterAggregation>();
        services.AddScoped<YearAggregation>();
        return services;
    }

    public static RouteGroupBuilder MapSummaries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/summaries").WithTags("Summaries").RequireAuthorization(CoordinatorsRegistration.Policy);
        group.MapGet("/{period}.pdf", ExportQuarterSummaryEndpoint.ExportSummary)
            .WithName("ExportSummary")
            .WithSummary("The quarterly (2026-Q3) or yearly (2026) summary PDF, variant internal or shareable; the export is written to the audit log.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesValidationProblem();
        // Two literal routes rather than one constrained {format}: every route then answers 401/403 for a stranger, never 404.
        foreach (var format in new[] { "xlsx", "csv" })
        {
            group.MapGet($"/{{period}}.{format}", (string period, string? variant, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
                    ExportSummaryTablesEndpoint.Export(period, format, variant, context, mediator, cancellationToken))
                .WithName($"ExportSummaryTables{format.ToUpperInvariant()}")
                .WithSummary($"The quarter's (2026-Q3) or year's (2026) tables as {format.ToUpperInvariant()}, variant internal or shareable (small counts as <3). Audited.")
                .Produces(StatusCodes.Status200OK, contentType: format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv")
                .ProducesValidationProblem();
        }

        return group;
    }
}
