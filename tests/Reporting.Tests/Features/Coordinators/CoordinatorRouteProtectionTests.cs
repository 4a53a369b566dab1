using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Coordinators;

/// <summary>
/// Every route in the route table is either on the short public list or refuses a stranger
/// (401 for the API, a redirect to sign-in for pages). A new route that forgets its protection fails here.
/// </summary>
[TestFixture]
public sealed class CoordinatorRouteProtectionTests : HostFixture
{
    /// <summary>What anyone may reach: the staff form and its API, the reporter's follow-up and its API, health, API docs, signing in, the setup link, the passkey sign-in and the accessibility statement.</summary>
    private static readonly HashSet<string> PublicRoutes = new(StringComparer.OrdinalIgnoreCase)
    {
        "POST /api/reports/",
        "POST /api/identifier-check/",
        "GET /api/symbols",
        "POST /api/follow-up/",
        "POST /api/follow-up/messages",
        "GET /uppfoljning",
        "POST /uppfoljning",
        "POST /api/surveys/{id}/answers",
        "GET /enkat/{id}",
        "POST /enkat/{id}",
        "GET /samordnare/logga-in/sso",
        "GET /health/live",
        "GET /health/ready",
        "GET /openapi/{documentName}.json",
        "GET /scalar/{documentName?}",
        "GET /scalar/scalar.js",
        "GET /scalar/scalar.aspnetcore.js",
        "GET /scalar/favicon.svg",
        "GET /{administration?}",
        "POST /{administration?}",
        "GET /samordnare/logga-in",
        "POST /samordnare/logga-in",
        "GET /samordnare/aktivera",
        "POST /samordnare/aktivera",
        "GET /tillganglighet",
        "POST /api/sign-in/passkey/options",
        "POST /api/sign-in/passkey/",
    };

    private static IEnumerable<(string Method, string Pattern)> Routes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint =>
            {
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]; // no method metadata: any method, GET stands for them
                var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
                return methods.Select(method => (method, pattern));
            })
            .Distinct();

    [Test]
    public void TheRouteTableHasCoordinatorRoutes()
    {
        var patterns = Routes(Host.Services).Select(r => $"{r.Method} {r.Pattern}").ToList();

        Assert.That(patterns, Does.Contain("GET /samordnare").And.Contain("PATCH /api/reports/{id:guid}").And.Contain("GET /samordnare/logg"));
    }

    [Test]
    public Task EveryNonPublicRouteRefusesAStranger() => AssertEveryNonPublicRouteRefusesAsync(cookie: null, apiStatus: HttpStatusCode.Unauthorized);

    /// <summary>Signed in, but without the second factor (a half-finished sign-in, a forged principal): still refused.</summary>
    [Test]
    public async Task EveryNonPublicRouteRefusesASignInWithoutTheSecondFactor()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(Host, "utan.mfa@kommun.example");
        string cookie;
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.SignInManager<Reporting.Features.Coordinators.CoordinatorAccount>>();
            var principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByEmailAsync(coordinator.Email))!);
            Assert.That(principal.HasClaim("amr", "mfa"), Is.False);
            var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
                .Get(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
            var ticket = new Microsoft.AspNetCore.Authentication.AuthenticationTicket(principal,
                Reporting.Features.Coordinators.CoordinatorSessionRules.NewSession(TimeProvider.System), Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
            cookie = $"{Reporting.Features.Coordinators.CoordinatorsRegistration.CookieName}={options.TicketDataFormat.Protect(ticket)}";
        }

        await AssertEveryNonPublicRouteRefusesAsync(cookie, apiStatus: HttpStatusCode.Forbidden);
    }

    private async Task AssertEveryNonPublicRouteRefusesAsync(string? cookie, HttpStatusCode apiStatus)
    {
        using var client = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var unprotected = new List<string>();
        var checkedRoutes = 0;
        foreach (var (method, pattern) in Routes(Host.Services))
        {
            if (PublicRoutes.Contains($"{method} {pattern}"))
            {
                continue;
            }

            var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", Guid.NewGuid().ToString());
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }

            if (method is "POST" or "PATCH" or "PUT")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            checkedRoutes++;
            var refused = path.StartsWith("/api/", StringComparison.Ordinal)
                ? response.StatusCode == apiStatus
                : response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
                    && response.Headers.Location?.ToString().Contains("/samordnare/logga-in", StringComparison.Ordinal) == true;
            if (!refused)
            {
                unprotected.Add($"{method} {path} → {(int)response.StatusCode}");
            }
        }

        Assert.That(checkedRoutes, Is.GreaterThanOrEqualTo(8));
        Assert.That(unprotected, Is.Empty);
    }
}
