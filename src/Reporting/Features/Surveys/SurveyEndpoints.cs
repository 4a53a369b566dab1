using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;
using Reporting.Features.Identifiers;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;

namespace Reporting.Features.Surveys;

/// <summary>The staff survey's API: the coordinator opens, closes, prints slips and reads results; anyone with the address answers.</summary>
public static class SurveyEndpoints
{
    public static IEndpointRouteBuilder MapSurveys(this IEndpointRouteBuilder app)
    {
        var coordinator = app.MapGroup("/api/surveys").WithTags("Staff survey").RequireAuthorization(CoordinatorsRegistration.Policy);
        coordinator.MapPost("/", OpenAsync)
            .RequireAntiforgeryToken()
            .WithName("OpenSurvey")
            .WithSummary("Opens the year's survey with N single-use codes (shown once) or as an open link; audited.")
            .Accepts<OpenSurveyRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        coordinator.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken) => TypedResults.Ok(await mediator.Send(new ListSurveysQuery(), cancellationToken)))
            .WithName("ListSurveys")
            .WithSummary("Every survey with its dates and how many answered.");
        coordinator.MapPost("/{id}/close", CloseAsync)
            .RequireAntiforgeryToken()
            .WithName("CloseSurvey")
            .WithSummary("Takes no more answers from today; unused codes are deleted; audited.");
        coordinator.MapPost("/{id}/slips", SlipsAsync)
            .RequireAntiforgeryToken()
            .WithName("SurveySlips")
            .WithSummary("A PDF of slips for the given unused codes (sent in the body); audited.");
        coordinator.MapGet("/{id}/results", ResultsAsync)
            .WithName("SurveyResults")
            .WithSummary("Counts per question and per unit (variant internal or shareable; shareable suppresses small counts); audited.");

        app.MapPost("/api/surveys/{id}/answers", AnswerAsync)
            .WithTags("Staff survey")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.Intake)
            .WithName("AnswerSurvey")
            .WithSummary("One answer: 404 when the survey is unknown or closed, 409 for a used or unknown code, 422 with findings in the comment.")
            .Accepts<SurveyAnswerRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Created<OpenedSurvey>> OpenAsync(HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync(context.Request, ReportingJsonContext.Default.OpenSurveyRequest, cancellationToken);
        var opened = await mediator.Send(new OpenSurveyCommand(context.User.Name(), request), cancellationToken);
        return TypedResults.Created(opened.Url, opened);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CloseAsync(string id, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        return await mediator.Send(new CloseSurveyCommand(context.User.Name(), id), cancellationToken) switch
        {
            CloseSurveyResult.Closed => TypedResults.NoContent(),
            CloseSurveyResult.AlreadyClosed => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The survey takes no answers already."),
            _ => UnknownSurvey(),
        };
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SlipsAsync(string id, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync(context.Request, ReportingJsonContext.Default.SurveySlipsRequest, cancellationToken);
        return await mediator.Send(new ExportSurveySlipsCommand(context.User.Name(), id, request.Codes), cancellationToken) is { } pdf
            ? TypedResults.File(pdf, "application/pdf", "enkat-svarslappar.pdf")
            : UnknownSurvey();
    }

    private static async Task<Results<Ok<SurveyResults>, ProblemHttpResult>> ResultsAsync(string id, string? variant, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        await mediator.Send(new GetSurveyResultsQuery(context.User.Name(), id, SummaryVariants.Parse(variant)), cancellationToken) is { } results
            ? TypedResults.Ok(results)
            : UnknownSurvey();

    private static async Task<Results<Created<SurveyAnswered>, ProblemHttpResult>> AnswerAsync(string id, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync(context.Request, ReportingJsonContext.Default.SurveyAnswerRequest, cancellationToken);
        var outcome = await mediator.Send(new AnswerSurveyCommand(id, request), cancellationToken);
        return outcome.Result switch
        {
            AnswerResult.Saved => TypedResults.Created((string?)null, new SurveyAnswered(true)),
            AnswerResult.UnknownCode => TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The code is not an unused code of this survey.",
                Detail = "Each code answers once; check the code on the slip.",
                Extensions = { ["field"] = "code" },
            }),
            AnswerResult.Refused => IdentifiersProblem.For(outcome.Findings, "comment"),
            _ => UnknownSurvey(),
        };
    }

    private static ProblemHttpResult UnknownSurvey() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No open survey has this address.");
}

public sealed record SurveyAnswered(bool Saved);
