using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Reporting.Features.Coordinators;

/// <summary>Who is signed in, and the anti-forgery token a script sends with writes (PATCH) in <see cref="AntiforgeryHeader"/>.</summary>
public sealed record CoordinatorSession(string Email, string AntiforgeryHeader, string AntiforgeryToken);

public static class CoordinatorSessionEndpoint
{
    /// <summary>GET /api/session.</summary>
    public static Ok<CoordinatorSession> GetSession(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new CoordinatorSession(context.User.Name(), tokens.HeaderName!, tokens.RequestToken!));
    }
}
