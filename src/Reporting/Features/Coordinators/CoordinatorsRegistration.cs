using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Features.Coordinators;

public static class CoordinatorsRegistration
{
    /// <summary>Every coordinator route and endpoint requires this policy: signed in with password and one-time code.</summary>
    public const string Policy = "Coordinator";

    public const string CookieName = "rapportering.samordnare";
    public const string SignInPath = "/samordnare/logga-in";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

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
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddUserStore<CoordinatorStore>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        // A removed or reset account's sessions end within a minute (the security stamp is rechecked).
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = IdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = SignInPath;
            options.AccessDeniedPath = SignInPath;
            options.ReturnUrlParameter = "tillbaka";
            options.Events = new CookieAuthenticationEvents
            {
                // The JSON API answers 401/403; pages redirect to the sign-in page.
                OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => StatusOrRedirect(context, StatusCodes.Status403Forbidden),
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(CoordinatorPrincipal.MultiFactorClaim, CoordinatorPrincipal.MultiFactorValue));

        // Keys for cookies and anti-forgery live in the database, so every instance (and a restart) accepts them.
        services.AddDataProtection()
            .SetApplicationName("Reporting")
            .PersistKeysToDbContext<ReportingDbContext>();
        services.SealDataProtectionKeys();

        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            // Every page under Pages/Samordnare needs a coordinator, except signing in and the setup link.
            options.Conventions.AuthorizeFolder("/Samordnare", Policy);
            options.Conventions.AllowAnonymousToPage("/Samordnare/LoggaIn");
            options.Conventions.AllowAnonymousToPage("/Samordnare/Aktivera");
        });

        services.AddSingleton<AuditLog>();
        services.AddScoped<EnrolmentLinks>();
        services.AddSingleton<FluentValidation.IValidator<InviteCoordinatorCommand>, InviteCoordinatorValidator>();
        services.AddSingleton<FluentValidation.IValidator<ListAuditEntriesQuery>, ListAuditEntriesValidator>();
        services.AddHostedService<FirstCoordinatorHint>();
        return services;
    }

    public static WebApplication UseCoordinatorSignIn(this WebApplication app)
    {
        // Only a request that carries the session cookie has anyone to authenticate; reports and the
        // form (the busy, anonymous paths) skip the work. Protected endpoints still challenge
        // strangers: authorisation asks the authentication service directly.
        app.UseWhen(context => context.Request.Cookies.ContainsKey(CookieName), branch => branch.UseAuthentication());
        app.UseAuthorization();
        return app;
    }

    public static RouteGroupBuilder MapCoordinators(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session").WithTags("Coordinators").RequireAuthorization(Policy);
        group.MapGet("/", CoordinatorSessionEndpoint.GetSession)
            .WithName("GetSession")
            .WithSummary("The signed-in coordinator and the anti-forgery token to send with PATCH requests.");
        return group;
    }

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
