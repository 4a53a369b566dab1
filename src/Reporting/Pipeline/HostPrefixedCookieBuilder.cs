namespace Reporting.Pipeline;

/// <summary>
/// A cookie that is <c>__Host-</c> prefixed and Secure whenever the request came over HTTPS
/// (directly, or through a configured reverse proxy's X-Forwarded-Proto), so on HTTPS the browser
/// refuses it from a sub-domain or over plain HTTP. Over plain HTTP (a local trial) it keeps its
/// plain name, which a browser would otherwise drop.
/// </summary>
public sealed class HostPrefixedCookieBuilder : CookieBuilder
{
    public const string Prefix = "__Host-";

    private readonly IHttpContextAccessor _requests;

    public HostPrefixedCookieBuilder(IHttpContextAccessor requests, CookieBuilder settings)
    {
        _requests = requests;
        base.Name = settings.Name;
        HttpOnly = settings.HttpOnly;
        SameSite = settings.SameSite;
        SecurePolicy = settings.SecurePolicy;
        IsEssential = settings.IsEssential;
        Path = "/"; // a __Host- cookie must have Path=/ and no Domain
        Domain = null;
        MaxAge = settings.MaxAge;
        Expiration = settings.Expiration;
    }

    public override string? Name
    {
        get => _requests.HttpContext?.Request is { } request && base.Name is { } name ? NameFor(request, name) : base.Name;
        set => base.Name = value;
    }

    /// <summary>The name a cookie has on this request: <c>__Host-</c> prefixed over HTTPS.</summary>
    public static string NameFor(HttpRequest request, string name) => request.IsHttps ? Prefix + name : name;

    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        if (context.Request.IsHttps)
        {
            options.Secure = true;
            options.Path = "/";
            options.Domain = null;
        }

        return options;
    }
}
