using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;
using Reporting.Features.Identifiers;
using Reporting.Features.Summaries;

namespace Reporting.Features.Surveys;

/// <summary>The staff survey's API: the coordinator opens, closes, prints slips and reads results; anyone with the address answers.</summary>
public static class SurveyEndpoints
{
    internal static async Task<Created<OpenedSurvey>> OpenAsync(OpenSurveyRequest request, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var opened = await mediator.Send(new OpenSurveyCommand(context.User.Name(), request), cancellationToken);
        return TypedResults.Created(opened.Url, opened);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> CloseAsync(string id, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        return await mediator.Send(new CloseSurveyCommand(context.User.Name(), id), cancellationToken) switch
        {
            CloseSurveyResult.Closed => TypedResults.NoContent(),
            CloseSurveyResult.AlreadyClosed => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The survey takes no answers already."),
            _ => UnknownSurvey(),
        };
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SlipsAsync(string id, SurveySlipsRequest request, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        return await mediator.Send(new ExportSurveySlipsCommand(context.User.Name(), id, request.Codes), cancellationToken) is { } pdf
            ? TypedResults.File(pdf, "application/pdf", "enkat-svarslappar.pdf")
            : UnknownSurvey();
    }

    internal static async Task<Results<Ok<SurveyResults>, ProblemHttpResult>> ResultsAsync(string id, string? variant, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        await mediator.Send(new GetSurveyResultsQuery(context.User.Name(), id, SummaryVariants.Parse(variant)), cancellationToken) is { } results
            ? TypedResults.Ok(results)
            : UnknownSurvey();

    internal static async Task<Results<Created<SurveyAnswered>, ProblemHttpResult>> AnswerAsync(string id, SurveyAnswerRequest request, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
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
