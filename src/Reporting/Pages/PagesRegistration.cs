using Reporting.Features.Coordinators;
using Reporting.Pipeline;

namespace Reporting.Pages;

/// <summary>
/// The server-rendered pages (Razor Pages under Pages/): the staff form, the reporter's follow-up and
/// survey pages (anonymous), and the coordinator's pages (Pages/Coordinators, with Swedish routes
/// under /samordnare) that need a signed-in coordinator. Anti-forgery on every form post.
/// </summary>
public static class PagesRegistration
{
    /// <summary>The coordinator pages a city coordinator may open too (and the two anyone may).</summary>
    private static readonly IReadOnlySet<string> AnyRoleMayOpen = new HashSet<string>(StringComparer.Ordinal)
    {
        "/Coordinators/SignOut", "/Coordinators/Passkeys", "/Coordinators/SignIn", "/Coordinators/Enrol",
    };

    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            // Every coordinator page needs a coordinator, except signing in and the setup link; a city
            // coordinator may only sign out and keep their passkeys there, and has the City folder.
            options.Conventions.AuthorizeFolder("/Coordinators", CoordinatorsRegistration.SignedInPolicy);
            options.Conventions.AddFolderApplicationModelConvention("/Coordinators", model =>
            {
                if (!AnyRoleMayOpen.Contains(model.ViewEnginePath))
                {
                    model.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(CoordinatorsRegistration.Policy));
                }
            });
            options.Conventions.AuthorizeFolder("/City", CoordinatorsRegistration.CityPolicy);
            options.Conventions.AllowAnonymousToPage("/Coordinators/SignIn");
            options.Conventions.AllowAnonymousToPage("/Coordinators/Enrol");
            options.Conventions.AllowAnonymousToPage("/Index");
            options.Conventions.AllowAnonymousToPage("/FollowUp");
            options.Conventions.AllowAnonymousToPage("/Survey");
            options.Conventions.AllowAnonymousToPage("/Accessibility");
        });
        // Swedish letters as themselves in the HTML, not as character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery(options =>
        {
            // The only cookie the anonymous pages set: HttpOnly, SameSite=Strict, Secure when on HTTPS.
            options.Cookie.Name = "rapportering.af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SuppressXFrameOptionsHeader = true; // set once, with the other security headers
            options.HeaderName = "RequestVerificationToken"; // for the coordinator's JSON writes (PATCH, PUT, POST)
        });
        services.AddHttpContextAccessor();
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>().Configure<IHttpContextAccessor>((options, requests) =>
            options.Cookie = new HostPrefixedCookieBuilder(requests, options.Cookie)); // __Host-rapportering.af on HTTPS
        return services;
    }

    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
