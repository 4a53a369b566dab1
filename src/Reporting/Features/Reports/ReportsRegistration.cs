using Microsoft.Extensions.DependencyInjection.Extensions;
using FluentValidation;
using Reporting.Features.Coordinators;
using Reporting.Features.Reports.Indexing;
using Reporting.Hosting;
using Reporting.Pipeline;

namespace Reporting.Features.Reports;

public static class ReportsRegistration
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.TryAddSingleton(ClosedQuestions.Standard);
        services.AddSingleton<ReceiptCode>();
        services.AddSingleton<ReportSealer>();
        services.AddSingleton<ReportIndexCopies>();
        services.AddSingleton<ReportIndex>();
        services.AddScoped<ScopedReportIndex>();
        services.AddSingleton<IStartupStep, ReportFacetsBackfill>();
        services.AddHostedService<ReportIndexWarmUp>();
        services.AddSingleton<SpentFormTokenCleanup>();
        services.AddHostedService(provider => provider.GetRequiredService<SpentFormTokenCleanup>());
        // Validators hold only their rules (and the singleton Organisation): build them once, not per request.
        return services;
    }

    public static RouteGroupBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports");
        group.MapPost("/", SubmitReportEndpoint.SubmitReport)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.Intake)
            .WithName("SubmitReport")
            .WithSummary("Submits a de-identified report (JSON, or multipart with the part report and up to three photos); answers with a receipt code once it is stored.")
            .Accepts<SubmitReportCommand>("application/json", "multipart/form-data")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var coordinator = group.MapGroup("/").RequireAuthorization(CoordinatorsRegistration.Policy);
        coordinator.MapGet("/", TriageEndpoints.ListReports)
            .WithName("ListReports")
            .WithSummary("The inbox: newest first, filtered by status, received period (from/to), environment, kind, unit and channel; paged.")
            .ProducesValidationProblem();
        coordinator.MapPost("/registered", RegisterReportEndpoint.RegisterReport)
            .RequireAntiforgeryToken()
            .WithName("RegisterReport")
            .WithSummary("Registers a report received by phone, in a meeting, by letter or e-mail: the report JSON plus channel; a reference and no receipt. Needs the anti-forgery header.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        coordinator.MapPost("/{id:guid}/messages", SendMessageEndpoint.SendMessage)
            .RequireAntiforgeryToken()
            .WithName("SendMessage")
            .WithSummary("A message to the anonymous reporter, who reads it with the receipt (never e-mailed). Checked for identifiers. Needs the anti-forgery header.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        coordinator.MapGet("/{id:guid}", TriageEndpoints.GetReport)
            .WithName("GetReport")
            .WithSummary("One report with every field decrypted, its notes and history. The read is written to the audit log.");
        coordinator.MapPatch("/{id:guid}", TriageEndpoints.UpdateReport)
            .RequireAntiforgeryToken()
            .WithName("UpdateReport")
            .WithSummary("Changes status, forwardedTo, assessedEnvironment and linkedTo, and adds a note. Needs the anti-forgery token (GET /api/session) in the RequestVerificationToken header.")
            .ProducesValidationProblem();
        return group;
    }
}
