using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Reporting.Pipeline;

/// <summary>
/// Turns exceptions into RFC 9457 problem details. Known kinds of bad input get their 4xx; anything
/// else is a 500 whose body says nothing about the cause (the log has the type and trace id).
/// </summary>
public sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        IResult result = exception switch
        {
            RequestValidationException validation => TypedResults.ValidationProblem(validation.Errors, title: "The request has invalid fields."),
            ServiceBusyException busy => Busy(httpContext, busy),
            TooManyAttemptsException tooMany => TooMany(httpContext, tooMany),
            RequestConflictException conflict => Conflict(conflict.Field, conflict.Message),
            Features.Reports.ReportRuleException { Conflict: true } rule => Conflict(rule.Field, rule.Message),
            Features.Reports.ReportRuleException rule => TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [rule.Field] = [rule.Message] }, title: "The request has invalid fields."),
            Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Missing or invalid anti-forgery token: send the token from GET /api/session in the RequestVerificationToken header."),
            BadHttpRequestException bad => TypedResults.Problem(statusCode: bad.StatusCode, title: TitleFor(bad.StatusCode)),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => TypedResults.Empty,
            _ => Unexpected(exception, httpContext),
        };
        await result.ExecuteAsync(httpContext);
        return true;
    }

    private static ProblemHttpResult Conflict(string field, string message) => TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Title = message,
        Extensions = { ["field"] = field },
    });

    private static ProblemHttpResult Busy(HttpContext httpContext, ServiceBusyException busy)
    {
        RetryAfter.Set(httpContext.Response, busy.RetryAfter);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The report was not stored; try again shortly.");
    }

    private static ProblemHttpResult TooMany(HttpContext httpContext, TooManyAttemptsException tooMany)
    {
        RetryAfter.Set(httpContext.Response, tooMany.RetryAfter);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: tooMany.Message);
    }

    private ProblemHttpResult Unexpected(Exception exception, HttpContext httpContext)
    {
        // The exception type only: messages of lower layers may quote data.
        LogUnexpected(logger, exception.GetType().FullName ?? exception.GetType().Name, httpContext.TraceIdentifier);
        return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "An unexpected error occurred.");
    }

    private static string TitleFor(int statusCode) => statusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON.",
        _ => "The request could not be read.",
    };

    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} for request {TraceId}")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, string traceId);
}
