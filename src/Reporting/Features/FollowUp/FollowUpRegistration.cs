namespace Reporting.Features.FollowUp;

public static class FollowUpRegistration
{
    public static IServiceCollection AddFollowUp(this IServiceCollection services)
    {
        services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReceiptGuessing>();
        services.AddScoped<ReceiptLookup>();
        return services;
    }

    public static RouteGroupBuilder MapFollowUp(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/follow-up").WithTags("Follow-up").AllowAnonymous();
        group.MapPost("/", FollowUpEndpoints.Read)
            .WithName("FollowUp")
            .WithSummary("The reporter reads the report's status and messages with the receipt. Unknown receipts all get the same 404; failed look-ups are limited (429).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/messages", FollowUpEndpoints.Reply)
            .WithName("FollowUpReply")
            .WithSummary("The reporter answers: checked for identifiers (422 with findings), refused once the report is closed (409), at most FollowUp:RepliesPerReportPerDay a day (429).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }
}
