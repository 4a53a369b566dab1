using FluentValidation;

namespace Reporting.Features.Reports;

public static class ReportsRegistration
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<ReceiptCode>();
        services.AddSingleton<ReportSealer>();
        // Validators hold only their rules (and the singleton Organisation): build them once, not per request.
        services.AddSingleton<IValidator<SubmitReportCommand>, SubmitReportValidator>();
        return services;
    }

    public static RouteGroupBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports");
        group.MapPost("/", SubmitReportEndpoint.SubmitReport)
            .AllowAnonymous()
            .WithName("SubmitReport")
            .WithSummary("Submits a de-identified report; answers with a receipt code once it is stored.")
            .Accepts<SubmitReportCommand>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }
}
