using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence;
using Reporting.Pipeline;

namespace Reporting.Features.Coordinators;

public static class CoordinatorsRegistration
{
    /// <summary>Every route that handles reports requires this policy: signed in with a second factor, as a coordinator (not the city's role).</summary>
    public const string Policy = "Coordinator";

    /// <summary>The city's view (<c>/api/city</c>, <c>/samordnare/stad</c>): signed in with a second factor, with the city's role.</summary>
    public const string CityPolicy = "City";

    /// <summary>Anyone signed in with a second factor, whatever their role (the session endpoint, passkeys, sign-out).</summary>
    public const string SignedInPolicy = "SignedIn";

    public const string CookieName = "rapportering.samordnare";
    public const string SignInPath = "/samordnare/logga-in";

    /// <summary>The city coordinator's page: every administration's figures.</summary>
    public const string CityPath = "/samordnare/stad";

    /// <summary>The setup link's page (the link carries its token once; the page never does).</summary>
    public const string EnrolmentPath = "/samordnare/aktivera";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Where a sign-in (password or provider) goes back to: only the coordinator's own pages, never an open redirect.</summary>
    public static string ReturnPath(string? url) =>
        url is { Length: > 1 } && url.StartsWith("/samordnare", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/samordnare";

    public static IServiceCollection AddCoordinators(this IServiceCollection services)
    {
        services.AddIdentityCore<CoordinatorAccount>(options =>
            {
                // Length over composition rules (NIST SP 800-63B); the framework hashes with PBKDF2.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
            })
            .AddSignInManager<CoordinatorSignInManager>()
            .AddClaimsPrincipalFactory<CoordinatorClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddUserStore<CoordinatorStore>();

        services.AddOptions<CoordinatorOptions>().BindConfiguration(CoordinatorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        // A removed, reset or signed-out account's sessions end at the next check of its security stamp.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.OnRefreshingPrincipal = CoordinatorSessionRules.KeepSignInClaims;
        });
        services.AddHttpContextAccessor();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IHttpContextAccessor>((options, requests) =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie = new HostPrefixedCookieBuilder(requests, options.Cookie);
            options.ExpireTimeSpan = IdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = SignInPath;
            options.AccessDeniedPath = SignInPath;
            options.ReturnUrlParameter = "tillbaka";
            // Identity's events stay in place (its OnValidatePrincipal is the security-stamp check);
            // only these are added to them.
            options.Events.OnValidatePrincipal = CoordinatorSessionRules.WithAbsoluteLifetime(options.Events.OnValidatePrincipal);
            // The JSON API answers 401/403; pages redirect to the sign-in page.
            options.Events.OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context =>
            {
                // A city coordinator who opens a coordinator's page (the inbox after sign-in) is taken to the city's page.
                if (!context.Request.Path.StartsWithSegments("/api") && context.HttpContext.User.HasClaim(CoordinatorClaimsFactory.RoleClaim, CoordinatorRoles.City))
                {
                    context.Response.Redirect(CityPath);
                    return Task.CompletedTask;
                }

                return StatusOrRedirect(context, StatusCodes.Status403Forbidden);
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, CoordinatorPolicy)
            .AddPolicy(CityPolicy, CityCoordinatorPolicy)
            .AddPolicy(SignedInPolicy, SignedInWithSecondFactor)
            // A new endpoint is closed unless it says otherwise: anonymous routes are marked as such.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme)
                .AddRequirements(new ClosedUnlessAnonymousRequirement())
                .Build());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, ClosedUnlessAnonymousHandler>();

        // Keys for cookies and anti-forgery live in the database, so every instance (and a restart) accepts them.
        services.AddDataProtection()
            .SetApplicationName("Reporting")
            .PersistKeysToDbContext<ReportingDbContext>();
        services.SealDataProtectionKeys();

        services.AddScoped<EnrolmentLinks>();
        services.AddHostedService<FirstCoordinatorHint>();
        return services;
    }

    public static WebApplication UseCoordinatorSignIn(this WebApplication app)
    {
        // Only a request that carries the session cookie has anyone to authenticate (or is the provider's
        // answer to a single sign-on, which makes the cookie); reports and the
        // form (the busy, anonymous paths) skip the work. Protected endpoints still challenge
        // strangers: authorisation asks the authentication service directly.
        app.UseWhen(context => HasSessionCookie(context) || SingleSignOnRegistration.IsCallback(context), branch => branch.UseAuthentication());
        app.UseAuthorization();
        return app;
    }

    public static RouteGroupBuilder MapCoordinators(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session").WithTags("Coordinators").RequireAuthorization(SignedInPolicy);
        group.MapGet("/", CoordinatorSessionEndpoint.GetSession)
            .WithName("GetSession")
            .WithSummary("The signed-in coordinator and the anti-forgery token to send with PATCH requests.");
        return group;
    }

    private static bool HasSessionCookie(HttpContext context) =>
        context.Request.Cookies.ContainsKey(CookieName) || context.Request.Cookies.ContainsKey(HostPrefixedCookieBuilder.Prefix + CookieName);

    private static readonly Microsoft.AspNetCore.Authorization.AuthorizationPolicy SignedInWithSecondFactor =
        new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(CoordinatorPrincipal.MultiFactorClaim, CoordinatorPrincipal.MultiFactorValue)
            .Build();

    /// <summary>A session from before roles (no role claim) is a coordinator's, as the account was.</summary>
    private static readonly Microsoft.AspNetCore.Authorization.AuthorizationPolicy CoordinatorPolicy =
        new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(SignedInWithSecondFactor)
            .RequireAssertion(context => !context.User.HasClaim(CoordinatorClaimsFactory.RoleClaim, CoordinatorRoles.City))
            .Build();

    private static readonly Microsoft.AspNetCore.Authorization.AuthorizationPolicy CityCoordinatorPolicy =
        new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(SignedInWithSecondFactor)
            .RequireClaim(CoordinatorClaimsFactory.RoleClaim, CoordinatorRoles.City)
            .Build();

    private static Task StatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
