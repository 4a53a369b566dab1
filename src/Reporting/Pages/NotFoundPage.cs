using System.Net;
using Reporting.Features.Organisation;

namespace Reporting.Pages;

/// <summary>
/// A mistyped address, asked for by a browser, gets a page in Swedish with the way back (the form,
/// the follow-up, the coordinators' sign-in) instead of problem JSON; an API client (one that does not
/// ask for HTML, or any address under /api) still gets the problem details.
/// </summary>
public static class NotFoundPage
{
    /// <summary>A 404 for a browser: a GET or HEAD outside /api whose Accept names text/html.</summary>
    public static bool IsForBrowser(HttpContext context) =>
        context.Response.StatusCode == StatusCodes.Status404NotFound
        && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    public static Task WriteAsync(HttpContext context)
    {
        var organisation = WebUtility.HtmlEncode(context.RequestServices.GetRequiredService<OrganisationProfile>().Name);
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="sv">
            <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="referrer" content="no-referrer">
                <title>Sidan finns inte</title>
                <link rel="stylesheet" href="/css/site.css">
            </head>
            <body>
                <a class="skip-link" href="#main">Hoppa till innehållet</a>
                <header class="banner"><div class="banner__inner"><span class="banner__org">{organisation}</span></div></header>
                <main id="main" class="page" tabindex="-1">
                    <h1>Sidan finns inte</h1>
                    <p class="lead">Det finns ingen sida på den adressen. Kontrollera adressen om du skrev den själv.</p>
                    <ul class="link-list">
                        <li><a href="/">Rapportera oro eller händelse</a></li>
                        <li><a href="/uppfoljning">Följ upp din rapport</a></li>
                        <li><a href="/samordnare">Samordnare: logga in</a></li>
                    </ul>
                </main>
                <footer class="footer"><div class="footer__inner"><a href="/tillganglighet">Tillgänglighetsredogörelse</a></div></footer>
            </body>
            </html>
            """);
    }
}
