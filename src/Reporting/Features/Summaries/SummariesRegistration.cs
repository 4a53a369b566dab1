using Reporting.Features.Coordinators;

namespace Reporting.Features.Summaries;

public static class SummariesRegistration
{
    public static IServiceCollection AddSummaries(this IServiceCollection services)
    {
        services.AddOptions<SummariesOptions>().BindConfiguration(SummariesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<QuarterAggregation>();
        return services;
    }

    public static RouteGroupBuilder MapSummaries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/summaries").WithTags("Summaries").RequireAuthorization(CoordinatorsRegistration.Policy);
        group.MapGet("/{quarter}.pdf", ExportQuarterSummaryEndpoint.ExportQuarterSummary)
            .WithName("ExportQuarterSummary")
            .WithSummary("The quarterly summary PDF (variant internal or shareable); the export is written to the audit log.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesValidationProblem();
        return group;
    }
}
