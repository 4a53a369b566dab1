using Reporting.Features.Coordinators;

namespace Reporting.Features.Summaries;

public static class SummariesRegistration
{
    public static IServiceCollection AddSummaries(this IServiceCollection services)
    {
        services.AddOptions<SummariesOptions>().BindConfiguration(SummariesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<QuarterAggregation>();
        services.AddScoped<YearAggregation>();
        services.AddSingleton<FluentValidation.IValidator<BuildYearSummaryQuery>, BuildYearSummaryValidator>();
        services.AddSingleton<FluentValidation.IValidator<ExportYearSummaryQuery>, ExportYearSummaryValidator>();
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
        return group;
    }
}
