namespace Reporting.Features.StaffForm;

public static class StaffFormRegistration
{
    /// <summary>The server-rendered pages (Razor Pages under Pages/), with anti-forgery on every form post.</summary>
    public static IServiceCollection AddStaffForm(this IServiceCollection services)
    {
        services.AddRazorPages();
        // Swedish letters as themselves in the HTML, not as character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery(options =>
        {
            // The only cookie the form sets: HttpOnly, SameSite=Strict, Secure when on HTTPS.
            options.Cookie.Name = "rapportering.af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SuppressXFrameOptionsHeader = true; // set once, with the other security headers
            options.HeaderName = "RequestVerificationToken"; // for the coordinator's JSON writes (PATCH)
        });
        services.AddHttpContextAccessor();
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>().Configure<IHttpContextAccessor>((options, requests) =>
            options.Cookie = new Pipeline.HostPrefixedCookieBuilder(requests, options.Cookie)); // __Host-rapportering.af on HTTPS
        return services;
    }

    public static WebApplication MapStaffForm(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
