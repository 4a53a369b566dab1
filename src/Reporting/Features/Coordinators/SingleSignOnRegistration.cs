using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Coordinators;

/// <summary>
/// Single sign-on with the municipality's OpenID Connect provider (ADR 11): the authorization-code
/// flow with PKCE, <c>state</c> and <c>nonce</c>, the provider's discovery document and id-token
/// validation by <c>Microsoft.AspNetCore.Authentication.OpenIdConnect</c>; no token is kept. A
/// validated token becomes the same session cookie as a password sign-in (<see cref="SignInWithProviderHandler"/>),
/// so every page and API keeps working. Registered only when <c>Authentication:Oidc:Authority</c> is set.
/// </summary>
public static class SingleSignOnRegistration
{
    public const string Scheme = "oidc";
    public const string StartPath = "/samordnare/logga-in/sso";
    public const string CallbackPath = "/signin-oidc";

    /// <summary>Why the sign-in page shows a refusal: <c>?sso=mfa|unknown|subject|unverified|password|failed</c>.</summary>
    public const string RefusalParameter = "sso";

    public static IServiceCollection AddSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SingleSignOnOptions>().BindConfiguration(SingleSignOnOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var settings = configuration.GetSection(SingleSignOnOptions.SectionName).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        if (!settings.Enabled || !Uri.TryCreate(settings.Oidc.Authority, UriKind.Absolute, out var authority))
        {
            return services; // a wrong authority stops the start through the options' validation
        }

        services.AddAuthentication().AddOpenIdConnect(Scheme, "Kommunens konto", options =>
        {
            options.Authority = settings.Oidc.Authority;
            options.ClientId = settings.Oidc.ClientId;
            options.ClientSecret = string.IsNullOrEmpty(settings.Oidc.ClientSecret) ? null : settings.Oidc.ClientSecret;
            options.ResponseType = OpenIdConnectResponseType.Code;
            // The answer comes back as a top-level GET, so SameSite=Lax correlation and nonce cookies
            // travel with it, also on plain http://localhost where SameSite=None cookies are refused.
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.UsePkce = true;
            options.CallbackPath = CallbackPath;
            options.SignInScheme = IdentityConstants.ApplicationScheme;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.MapInboundClaims = false;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("profile");
            options.Scope.Add("email");
            options.RequireHttpsMetadata = !SingleSignOnOptions.IsLoopback(authority);
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Events.OnTokenValidated = SignInAsync;
            options.Events.OnRemoteFailure = FailedAsync;
        });
        services.AddHealthChecks().AddCheck<SingleSignOnHealthCheck>("single-sign-on", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapSingleSignOn(this IEndpointRouteBuilder app)
    {
        app.MapGet(StartPath, (string? tillbaka, IOptions<SingleSignOnOptions> options) =>
                !options.Value.Enabled
                    ? Results.NotFound()
                    : Results.Challenge(new AuthenticationProperties { RedirectUri = CoordinatorsRegistration.ReturnPath(tillbaka) }, [Scheme]))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>Whether the authentication middleware must see this request although it has no session cookie yet.</summary>
    public static bool IsCallback(HttpContext context) => context.Request.Path.StartsWithSegments(CallbackPath);

    private static async Task SignInAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var outcome = await services.GetRequiredService<IMediator>().Send(new SignInWithProviderCommand(context.Principal!), context.HttpContext.RequestAborted);
        if (outcome.Principal is null)
        {
            context.HandleResponse();
            context.Response.Redirect($"{CoordinatorsRegistration.SignInPath}?{RefusalParameter}={RefusalCode(outcome.Refusal)}");
            return;
        }

        context.Principal = outcome.Principal;
        var session = CoordinatorSessionRules.NewSession(services.GetRequiredService<TimeProvider>());
        context.Properties!.IsPersistent = session.IsPersistent;
        foreach (var (key, value) in session.Items)
        {
            context.Properties.Items[key] = value;
        }
    }

    /// <summary>A tampered, expired or replayed answer, a lost correlation cookie, or the provider's own error: refused and audited, without the token.</summary>
    private static async Task FailedAsync(RemoteFailureContext context)
    {
        var services = context.HttpContext.RequestServices;
        await services.GetRequiredService<AuditLog>().AppendNowAsync(services.GetRequiredService<ReportingDbContext>(), AuditActors.UnknownAccount,
            AuditActions.SignInFailed, detail: "kommunens konto: ogiltigt svar från identitetsleverantören", cancellationToken: context.HttpContext.RequestAborted);
        context.HandleResponse();
        context.Response.Redirect($"{CoordinatorsRegistration.SignInPath}?{RefusalParameter}=failed");
    }

    private static string RefusalCode(ProviderRefusal refusal) => refusal switch
    {
        ProviderRefusal.NoMultiFactor => "mfa",
        ProviderRefusal.UnknownAccount => "unknown",
        ProviderRefusal.OtherSubject => "subject",
        ProviderRefusal.UnverifiedEmail => "unverified",
        ProviderRefusal.NotAllowed => "password",
        _ => "failed",
    };

    /// <summary>The provider's end-session endpoint, when its discovery document names one (RP-initiated logout).</summary>
    public static async Task<string?> EndSessionEndpointAsync(HttpContext context)
    {
        var monitor = context.RequestServices.GetService<IOptionsMonitor<OpenIdConnectOptions>>();
        if (monitor?.Get(Scheme) is not { ConfigurationManager: { } manager } options || string.IsNullOrEmpty(options.ClientId))
        {
            return null;
        }

        try
        {
            var configuration = await manager.GetConfigurationAsync(context.RequestAborted);
            return string.IsNullOrEmpty(configuration.EndSessionEndpoint) ? null : configuration.EndSessionEndpoint;
        }
        catch (InvalidOperationException)
        {
            return null; // the provider is unreachable: the local session has ended all the same
        }
    }
}
