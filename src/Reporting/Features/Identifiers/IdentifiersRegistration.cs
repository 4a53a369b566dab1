using FluentValidation;
using Reporting.Pipeline;

namespace Reporting.Features.Identifiers;

public static class IdentifiersRegistration
{
    public static IServiceCollection AddIdentifierCheck(this IServiceCollection services)
    {
        services.AddSingleton(provider => IdentifierScanner.CreateDefault(provider.GetRequiredService<TimeProvider>()));
        services.AddHostedService<IdentifierCheckWarmUp>();
        return services;
    }

    public static RouteGroupBuilder MapIdentifierCheck(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/identifier-check").WithTags("Identifiers").AllowAnonymous();
        group.MapPost("/", CheckIdentifiersEndpoint.CheckIdentifiers)
            .RequireRateLimiting(RateLimits.IdentifierCheck)
            .WithName("CheckIdentifiers")
            .WithSummary("Finds what may identify a person in a text (offsets in UTF-16 code units).")
            .Produces<IdentifierCheckResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }
}
