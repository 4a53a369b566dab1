using Mediator;
using Reporting.Features.Coordinators;

namespace Reporting.Features.Retention;

public static class RetentionRegistration
{
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RetentionPlan>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionJob>());
        return services;
    }

    public static void MapRetention(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/retention/log", async (HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ReadRetentionLogQuery(context.User.Name()), cancellationToken)))
            .RequireAuthorization(CoordinatorsRegistration.Policy)
            .WithTags("Public records")
            .WithName("RetentionLog")
            .WithSummary("The gallringslogg: per run and record class, the day, the count deleted and the decision it was deleted under. Newest first.");
}
