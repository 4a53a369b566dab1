using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Reporting.Pipeline;

namespace Reporting.Features.Coordinators.Passkeys;

/// <summary>Passkeys (WebAuthn) as the coordinator's second factor, beside the authenticator code and the recovery codes.</summary>
public static class PasskeysRegistration
{
    public static IServiceCollection AddPasskeys(this IServiceCollection services)
    {
        services.AddSingleton<PasskeyCeremonies>();
        return services;
    }

    public static IEndpointRouteBuilder MapPasskeys(this IEndpointRouteBuilder app)
    {
        var own = app.MapGroup("/api/passkeys").WithTags("Coordinators").RequireAuthorization(CoordinatorsRegistration.SignedInPolicy);
        own.MapGet("/", async (HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ListPasskeysQuery(context.User.Name()), cancellationToken)))
            .WithName("ListPasskeys")
            .WithSummary("The signed-in coordinator's passkeys.");
        own.MapPost("/options", PasskeyRegistrationEndpoints.OptionsAsync)
            .RequireAntiforgeryToken()
            .WithName("BeginPasskeyRegistration")
            .WithSummary("Options for navigator.credentials.create (WebAuthn JSON, base64url); the ceremony is held in a short-lived protected cookie.");
        own.MapPost("/", PasskeyRegistrationEndpoints.RegisterAsync)
            .RequireAntiforgeryToken()
            .WithName("RegisterPasskey")
            .WithSummary("The browser's attestation (PublicKeyCredential as JSON); 201 with the stored passkey, 400 naming credential when it does not verify. Audited.")
            .ProducesValidationProblem();
        own.MapDelete("/{id:guid}", RemoveAsync)
            .RequireAntiforgeryToken()
            .WithName("RemovePasskey")
            .WithSummary("Removes one of the coordinator's own passkeys; audited.");

        var signIn = app.MapGroup("/api/sign-in/passkey").WithTags("Coordinators").AllowAnonymous();
        signIn.MapPost("/options", PasskeySignInEndpoints.OptionsAsync)
            .RequireAntiforgeryToken()
            .WithName("BeginPasskeySignIn")
            .WithSummary("E-mail and password as JSON; when they hold and the account has a passkey, options for navigator.credentials.get. 401 otherwise, the same for every reason.");
        signIn.MapPost("/", PasskeySignInEndpoints.SignInAsync)
            .RequireAntiforgeryToken()
            .WithName("SignInWithPasskey")
            .WithSummary("The browser's assertion as JSON; signs in (amr=mfa) and answers where to go, or 401.");
        return app;
    }

    private static async Task<Results<NoContent, NotFound>> RemoveAsync(Guid id, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        return await mediator.Send(new RemovePasskeyCommand(context.User.Name(), id), cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
