using Mediator;
using Reporting.Features.Coordinators;
using Reporting.Pipeline;

namespace Reporting.Features.Surveys;

public static class SurveysRegistration
{
    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddSingleton<AnswerCodes>();
        services.AddSingleton<SurveySealer>();
        services.AddScoped<SurveyTally>();
        return services;
    }

    public static IEndpointRouteBuilder MapSurveys(this IEndpointRouteBuilder app)
    {
        var coordinator = app.MapGroup("/api/surveys").WithTags("Staff survey").RequireAuthorization(CoordinatorsRegistration.Policy);
        coordinator.MapPost("/", SurveyEndpoints.OpenAsync)
            .RequireAntiforgeryToken()
            .WithName("OpenSurvey")
            .WithSummary("Opens the year's survey with N single-use codes (shown once) or as an open link; audited.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        coordinator.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken) => TypedResults.Ok(await mediator.Send(new ListSurveysQuery(), cancellationToken)))
            .WithName("ListSurveys")
            .WithSummary("Every survey with its dates and how many answered.");
        coordinator.MapPost("/{id}/close", SurveyEndpoints.CloseAsync)
            .RequireAntiforgeryToken()
            .WithName("CloseSurvey")
            .WithSummary("Takes no more answers from today; unused codes are deleted; audited.");
        coordinator.MapPost("/{id}/slips", SurveyEndpoints.SlipsAsync)
            .RequireAntiforgeryToken()
            .WithName("SurveySlips")
            .WithSummary("A PDF of slips for the given unused codes (sent in the body); audited.");
        coordinator.MapGet("/{id}/results", SurveyEndpoints.ResultsAsync)
            .WithName("SurveyResults")
            .WithSummary("Counts per question and per unit (variant internal or shareable; shareable suppresses small counts); audited.");

        app.MapPost("/api/surveys/{id}/answers", SurveyEndpoints.AnswerAsync)
            .WithTags("Staff survey")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.Intake)
            .WithName("AnswerSurvey")
            .WithSummary("One answer: 404 when the survey is unknown or closed, 409 for a used or unknown code, 422 with findings in the comment.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}
