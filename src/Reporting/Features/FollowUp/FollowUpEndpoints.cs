using System.Text.Json.Serialization.Metadata;
using System.Text;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Reporting.Features.Identifiers;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;

namespace Reporting.Features.FollowUp;

public sealed record FollowUpRequest(string? Receipt) : IStrictJsonBody<FollowUpRequest>
{
    public static JsonTypeInfo<FollowUpRequest> JsonTypeInfo => ReportingJsonContext.Default.FollowUpRequest;
}

public sealed record FollowUpReplyRequest(string? Receipt, string? Text, bool? ConfirmNoIdentifiers) : IStrictJsonBody<FollowUpReplyRequest>
{
    public static JsonTypeInfo<FollowUpReplyRequest> JsonTypeInfo => ReportingJsonContext.Default.FollowUpReplyRequest;
}

/// <summary>The reporter's JSON API: anonymous, the receipt only in the body, never in a URL.</summary>
public static class FollowUpEndpoints
{
    /// <summary>
    /// Every unknown receipt gets exactly these bytes (no trace id, nothing that varies), so an
    /// answer says nothing about which guesses were close.
    /// </summary>
    private static readonly byte[] UnknownReceiptBody = Encoding.UTF8.GetBytes(
        "{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.5.5\",\"title\":\"No report has this receipt.\",\"status\":404}");


    internal static async Task<Results<Ok<FollowUpView>, UnknownReceiptResult>> Read(FollowUpRequest request, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        return await mediator.Send(new FollowUpQuery(request.Receipt, RateLimits.ClientKey(context)), cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : UnknownReceipt();
    }

    internal static async Task<Results<Created<FollowUpView>, ProblemHttpResult, UnknownReceiptResult>> Reply(FollowUpReplyRequest request, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var outcome = await mediator.Send(new ReplyByReceiptCommand(request.Receipt, request.Text, request.ConfirmNoIdentifiers, RateLimits.ClientKey(context)), cancellationToken);
        return outcome.Result switch
        {
            ReplyResult.Sent => TypedResults.Created((string?)null, outcome.View!),
            ReplyResult.Closed => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The report is closed and takes no more replies."),
            ReplyResult.Refused => IdentifiersProblem.For(outcome.Findings, "text"),
            ReplyResult.TooManyToday => TooManyToday(context, outcome.RetryAfter),
            _ => UnknownReceipt(),
        };
    }

    private static ProblemHttpResult TooManyToday(HttpContext context, TimeSpan retryAfter)
    {
        RetryAfter.Set(context.Response, retryAfter);
        return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "The report has had as many replies today as it takes in a day.",
            Extensions = { ["field"] = "text" },
        });
    }

    private static UnknownReceiptResult UnknownReceipt() => new(UnknownReceiptBody);

    /// <summary>The one 404 for a receipt that opens nothing: the same prepared bytes whatever the reason.</summary>
    public sealed class UnknownReceiptResult(byte[] body) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status404NotFound;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status404NotFound;
            return TypedResults.Bytes(body, "application/problem+json").ExecuteAsync(httpContext);
        }
    }
}
