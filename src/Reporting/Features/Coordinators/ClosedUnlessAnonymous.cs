using Microsoft.AspNetCore.Authorization;

namespace Reporting.Features.Coordinators;

/// <summary>
/// The fallback authorisation policy's one requirement: a mapped endpoint (an API route or a page)
/// that does not say it is anonymous needs a signed-in coordinator. Requests that matched no route
/// are left to the framework's own 404, 405 and 415 answers, which a stranger may receive.
/// </summary>
public sealed class ClosedUnlessAnonymousRequirement : IAuthorizationRequirement;

public sealed class ClosedUnlessAnonymousHandler : AuthorizationHandler<ClosedUnlessAnonymousRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ClosedUnlessAnonymousRequirement requirement)
    {
        var endpoint = (context.Resource as HttpContext)?.GetEndpoint();
        if (endpoint is not RouteEndpoint || CoordinatorPrincipal.IsCoordinator(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
