using Microsoft.AspNetCore.Antiforgery;

namespace Reporting.Pipeline;

/// <summary>
/// Anti-forgery for the coordinator's JSON API, declared where an endpoint is mapped instead of
/// checked by hand in its handler: <c>.RequireAntiforgeryToken()</c> validates the
/// <c>RequestVerificationToken</c> header (from <c>GET /api/session</c>) before the handler runs or
/// the body is read; a missing or wrong token is a 400 problem (<see cref="ProblemExceptionHandler"/>).
/// A test holds every changing endpoint behind a sign-in to it.
/// </summary>
public static class AntiforgeryConventions
{
    public static TBuilder RequireAntiforgeryToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(AntiforgeryValidated.Instance);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            await context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context.HttpContext);
            return await next(context);
        });
    }
}

/// <summary>Endpoint metadata: this endpoint validates the anti-forgery token before its handler.</summary>
public sealed class AntiforgeryValidated
{
    public static AntiforgeryValidated Instance { get; } = new();

    private AntiforgeryValidated()
    {
    }
}
