namespace Reporting.Hosting;

/// <summary>
/// Framework log categories that would write a client's address, a request's URL (a setup link's
/// token was one) or a sign-in's tokens are held at Warning in code, whatever the configuration
/// says: an operator who turns logging up to Debug to chase a problem must not start logging
/// reporters. Configuration rules for these categories (and anything below them) are dropped, and
/// a Warning rule is added for every provider any rule names, so no more specific rule can win.
/// </summary>
public static class QuietFrameworkLogs
{
    public static readonly IReadOnlyList<string> Categories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",       // "Request starting GET http://…/samordnare/aktivera?token=…"
        "Microsoft.AspNetCore.HttpLogging",               // request and response logging, bodies included
        "Microsoft.AspNetCore.HttpOverrides",             // forwarded headers: client and proxy addresses
        "Microsoft.AspNetCore.Server.Kestrel",            // connections, bad requests with their addresses
        "Microsoft.AspNetCore.Routing",                   // request paths
        "Microsoft.AspNetCore.StaticFiles",               // request paths
        "Microsoft.AspNetCore.Authentication",            // sign-in flows: redirect URIs with codes and state
        "Microsoft.AspNetCore.Antiforgery",
        "Microsoft.AspNetCore.Mvc.Infrastructure",        // redirect targets
        "Microsoft.AspNetCore.Mvc.RazorPages",            // a page handler's arguments at Trace
        "Microsoft.AspNetCore.Http.Result",               // redirect targets of minimal endpoints
        "Microsoft.EntityFrameworkCore.Database.Command", // SQL for every command (and at Information it halves intake)
        "System.Net.Http.HttpClient",                     // outgoing URLs (the identity provider's endpoints)
    ];

    public static void Apply(LoggerFilterOptions options)
    {
        var providers = options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList();
        var kept = options.Rules.Where(rule => !Categories.Any(category => Covers(category, rule.CategoryName))).ToList();
        options.Rules.Clear();
        foreach (var rule in kept)
        {
            options.Rules.Add(rule);
        }

        foreach (var category in Categories)
        {
            foreach (var provider in providers)
            {
                options.Rules.Add(new LoggerFilterRule(provider, category, LogLevel.Warning, filter: null));
            }
        }
    }

    /// <summary>A rule for the category itself or for one below it ("…Kestrel.Connections").</summary>
    private static bool Covers(string category, string? ruleCategory) =>
        ruleCategory is not null
        && (ruleCategory.Equals(category, StringComparison.OrdinalIgnoreCase)
            || ruleCategory.StartsWith(category + ".", StringComparison.OrdinalIgnoreCase));
}
