namespace Reporting.Pipeline;

/// <summary>
/// Security headers on every response, error answers included: no framing, no sniffing, no
/// referrer, no third-party resources and no inline script (Content-Security-Policy), no caching of
/// anything but the static assets, and HSTS when the request came over HTTPS (directly, or through
/// a configured reverse proxy). Set as the response starts, so an exception handler that clears the
/// response on its way to a problem detail cannot remove them.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // The API reference page (Scalar) configures itself with an inline script; it shows no report data.
    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>The only answers a browser or proxy may keep: the form's stylesheet and script, which hold no data.</summary>
    private static readonly PathString[] StaticAssets = ["/css", "/js"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state => Apply((HttpContext)state), context);
            return next(context);
        });

    /// <summary>The policy with the identity provider's origin allowed as a form's destination, made once (one reference, read and written whole).</summary>
    private static ProviderPolicy? _withProvider;

    private sealed record ProviderPolicy(string Origin, string Policy);

    private static Task Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        var isApiReference = context.Request.Path.StartsWithSegments("/scalar");
        headers.ContentSecurityPolicy = isApiReference ? ApiReferencePolicy : PagePolicy(context);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        // By rule rather than page by page: pages with report content, recovery codes and every API
        // answer must never sit in a browser's or a proxy's cache.
        if (!IsStaticAsset(context.Request.Path))
        {
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// With single sign-on, signing out (a form post) ends in a redirect to the provider's
    /// end-session endpoint, which <c>form-action 'self'</c> would block: the provider's origin is allowed too.
    /// </summary>
    private static string PagePolicy(HttpContext context)
    {
        var sso = context.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<Features.Coordinators.SingleSignOnOptions>>()?.Value;
        if (sso is not { Enabled: true } || !Uri.TryCreate(sso.Oidc.Authority, UriKind.Absolute, out var authority))
        {
            return ContentSecurityPolicy;
        }

        var origin = authority.GetLeftPart(UriPartial.Authority);
        var cached = _withProvider;
        if (cached is null || cached.Origin != origin)
        {
            cached = new ProviderPolicy(origin, ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {origin}", StringComparison.Ordinal));
            _withProvider = cached;
        }

        return cached.Policy;
    }

    private static bool IsStaticAsset(PathString path)
    {
        foreach (var prefix in StaticAssets)
        {
            if (path.StartsWithSegments(prefix))
            {
                return true;
            }
        }

        return false;
    }
}
