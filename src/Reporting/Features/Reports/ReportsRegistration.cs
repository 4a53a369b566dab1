using FluentValidation;
using Reporting.Features.Coordinators;
using Reporting.Pipeline;

namespace Reporting.Features.Reports;

public static class ReportsRegistration
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<ReceiptCode>();
        services.AddSingleton<ReportSealer>();
        // Validators hold only their rules (and the singleton Organisation): build them once, not per request.
        services.AddSingleton<IValidator<SubmitReportCommand>, SubmitReportValidator>();
        services.AddSingleton<IValidator<ListReportsQuery>, ListReportsValidator>();
        services.AddSingleton<IValidator<UpdateReportCommand>, UpdateReportValidator>();
        return services;
    }

    public static RouteGroupBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports");
        group.MapPost("/", SubmitReportEndpoint.SubmitReport)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.Intake)
            .WithName("SubmitReport")
            .WithSummary("Submits a de-identified report; answers with a receipt code once it is stored.")
            .Accepts<SubmitReportCommand>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var coordinator = group.MapGroup("/").RequireAuthorization(CoordinatorsRegistration.Policy);
        coordinator.MapGet("/", TriageEndpoints.ListReports)
            .WithName("ListReports")
            .WithSummary("The inbox: newest first, filtered by status, received period (from/to), environment and kind; paged.")
            .ProducesValidationProblem();
        coordinator.MapGet("/{id:guid}", TriageEndpoints.GetReport)
            .WithName("GetReport")
            .WithSummary("One report with every field decrypted, its notes and history. The read is written to the audit log.");
        coordinator.MapPatch("/{id:guid}", TriageEndpoints.UpdateReport)
            .WithName("UpdateReport")
            .WithSummary("Changes status and forwardedTo and adds a note. Needs the anti-forgery token (GET /api/session) in the RequestVerificationToken header.")
            .Accepts<UpdateReportRequest>("application/json")
            .ProducesValidationProblem();
        return group;
    }
}
