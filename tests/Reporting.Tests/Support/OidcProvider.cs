using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Reporting.Tests.Support;

/// <summary>
/// A real OpenID Connect provider for the single sign-on tests: an OpenIddict 7 server on loopback
/// (discovery, authorization code with PKCE required, token endpoint with a client secret, JWKS,
/// end session), without a database (degraded mode: the client and its redirect URIs are checked by
/// the handlers below). Its "user store" is <see cref="NextUser"/>: the person who is signed in at
/// the provider when the service sends someone there, with the <c>amr</c> the test chooses.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "rapportering";
    public const string ClientSecret = "test-secret-not-for-production";

    private readonly WebApplication _app;

    /// <summary>A person at the provider; <paramref name="EmailVerified"/> null sends no such claim (as Entra ID does).</summary>
    public sealed record User(string Subject, string Email, string[] Amr, bool? EmailVerified = true, string? Acr = null);

    private OidcProvider(WebApplication app, string authority)
    {
        _app = app;
        Authority = authority;
    }

    public string Authority { get; }

    public User NextUser { get; set; } = new("sub-1", "samordnare@kommun.example", ["pwd", "mfa"]);

    /// <summary>Id tokens that are signed right but expired an hour ago (the service must refuse them).</summary>
    public bool IssueExpiredTokens { get; set; }

    /// <summary>Flip a character of the id token's signature on its way to the service.</summary>
    public bool TamperWithIdTokens { get; set; }

    /// <summary>Every end-session request: its client and where it asked to go back to.</summary>
    public ConcurrentQueue<string> EndSessions { get; } = new();

    /// <summary>Every id token the provider issued.</summary>
    public ConcurrentQueue<string> IssuedIdTokens { get; } = new();

    /// <summary>Every authorization code the provider issued (the tests look for them in the service's logs).</summary>
    public ConcurrentQueue<string> IssuedCodes { get; } = new();

    public static async Task<OidcProvider> StartAsync()
    {
        var port = TestSmtpServer.FreePort();
        var authority = $"http://127.0.0.1:{port}/";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls(authority);
        builder.Logging.ClearProviders();
        OidcProvider? provider = null;
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetEndSessionEndpointUris("connect/endsession");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.Email, Scopes.Profile);
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            options.DisableAccessTokenEncryption();
            options.EnableDegradedMode();
            options.UseAspNetCore().DisableTransportSecurityRequirement();

            options.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || !IsCallback(context.RedirectUri))
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or redirect URI.");
                }

                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
                }

                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.HandleAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                var user = provider!.NextUser;
                var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
                identity.AddClaim(new Claim(Claims.Subject, user.Subject));
                identity.AddClaim(new Claim(Claims.Email, user.Email));
                foreach (var amr in user.Amr)
                {
                    identity.AddClaim(new Claim(Claims.AuthenticationMethodReference, amr));
                }

                if (user.EmailVerified is { } verified)
                {
                    identity.AddClaim(new Claim(Claims.EmailVerified, verified ? "true" : "false", ClaimValueTypes.Boolean));
                }

                if (user.Acr is { } acr)
                {
                    identity.AddClaim(new Claim(Claims.AuthenticationContextReference, acr));
                }

                var principal = new ClaimsPrincipal(identity);
                principal.SetScopes(context.Request.GetScopes());
                foreach (var claim in principal.Claims)
                {
                    claim.SetDestinations(Destinations.IdentityToken);
                }

                context.SignIn(principal);
                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.ValidateEndSessionRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is { } uri && !Uri.TryCreate(uri, UriKind.Absolute, out _))
                {
                    context.Reject(Errors.InvalidRequest, "Bad post_logout_redirect_uri.");
                }

                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.HandleEndSessionRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                provider!.EndSessions.Enqueue($"client_id={context.Request.ClientId}&post_logout_redirect_uri={context.Request.PostLogoutRedirectUri}");
                context.SignOut();
                return default;
            }));
        });

        var app = builder.Build();
        provider = new OidcProvider(app, authority);
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            if (context.Request.Path == "/connect/token")
            {
                await provider.RewriteTokenResponseAsync(context, next);
                return;
            }

            await next(context);
            if (context.Request.Path == "/connect/authorize" && context.Response.Headers.Location.ToString() is { Length: > 0 } location
                && Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(location).Query).TryGetValue("code", out var code))
            {
                provider.IssuedCodes.Enqueue(code.ToString());
            }
        });
        app.UseAuthentication();
        await app.StartAsync();
        return provider;
    }

    /// <summary>The service's callback on this machine, on any port (the tests' services pick free ones).</summary>
    private static bool IsCallback(string? uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.AbsolutePath == "/signin-oidc"
        && (parsed.IsLoopback || parsed.Host == "localhost");

    /// <summary>Records each id token (the tests look for it in the service's logs) and, when asked, tampers with it.</summary>
    private async Task RewriteTokenResponseAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        await next(context);
        var json = System.Text.Json.Nodes.JsonNode.Parse(buffer.ToArray())!;
        if (json["id_token"]?.GetValue<string>() is { } idToken)
        {
            IssuedIdTokens.Enqueue(idToken);
            if (IssueExpiredTokens)
            {
                json["id_token"] = Expired(idToken, context.RequestServices);
            }
            else if (TamperWithIdTokens)
            {
                json["id_token"] = idToken[..^2] + (idToken[^2] == 'A' ? 'B' : 'A') + idToken[^1];
            }
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
        context.Response.Body = original;
        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes);
    }

    /// <summary>The same token, validly signed with the provider's own key, but issued two hours ago and expired one hour ago.</summary>
    private static string Expired(string idToken, IServiceProvider services)
    {
        var signing = services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.SigningCredentials.First();
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Base64UrlEncoder.Decode(idToken.Split('.')[1]))!.AsObject();
        var issued = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        payload["iat"] = issued;
        payload["nbf"] = issued;
        payload["exp"] = issued + 3600;
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(payload.ToJsonString(), signing);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
