using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Coordinators;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Coordinators;

/// <summary>
/// The second hardening pass on the coordinator side: the setup token leaves the address bar, a
/// database writer cannot plant a recovery code or a session key, sign-in takes as long for an
/// unknown address, cookies are __Host- prefixed on HTTPS, and new endpoints are closed by default.
/// </summary>
[TestFixture]
public sealed class CoordinatorHardeningTests : HostFixture
{
    private static int _next;

    private static string NewEmail() => $"hardening{Interlocked.Increment(ref _next)}@kommun.example";

    [Test]
    public async Task TheSetupTokenIsSwappedForACookieAndLeavesTheAddress()
    {
        var link = await CoordinatorAccess.InviteAsync(Host, NewEmail());
        using var client = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using var opened = await client.GetAsync(link);

        Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.Redirect).Or.EqualTo(HttpStatusCode.Found));
        Assert.That(opened.Headers.Location?.ToString(), Is.EqualTo(CoordinatorsRegistration.EnrolmentPath), "to the page without the token");
        var cookie = opened.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("rapportering.aktivera=", StringComparison.Ordinal));
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        Assert.Multiple(() =>
        {
            Assert.That(cookie, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
            Assert.That(cookie, Does.Not.Contain(token), "the cookie holds a protected copy, not the token");
        });

        using var page = await client.GetAsync(CoordinatorsRegistration.EnrolmentPath);
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("authenticator-key").And.Not.Contain(token), "the page shows the key and never the token");
    }

    [Test]
    public async Task OpeningTheLinkAgainGivesANewAuthenticatorKey()
    {
        var link = await CoordinatorAccess.InviteAsync(Host, NewEmail());
        using var first = Host.CreateClient();
        using var second = Host.CreateClient();
        var (_, firstKey) = await CoordinatorAccess.OpenLinkAsync(first, link);
        var (page, secondKey) = await CoordinatorAccess.OpenLinkAsync(second, link);

        Assert.That(secondKey, Is.Not.EqualTo(firstKey));
        using var withOldKey = await first.PostAsync(CoordinatorsRegistration.EnrolmentPath, CoordinatorAccess.Form(page, new()
        {
            ["Password"] = CoordinatorAccess.Password,
            ["ConfirmPassword"] = CoordinatorAccess.Password,
            ["Code"] = Totp.Code(firstKey),
        }));
        Assert.That(withOldKey.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the key shown first no longer enrols");
    }

    [Test]
    public async Task ARecoveryCodeHashedWithoutTheKeyDoesNotSignIn()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(Host, NewEmail());
        const string planted = "PLANTED-CODE-4711";
        // Someone who can write to the database replaces the codes with an unkeyed hash of their own.
        var unkeyed = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(planted)));
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Reporting.Infrastructure.Persistence.ReportingDbContext>();
            var account = db.Users.Single(u => u.Email == coordinator.Email);
            var token = db.UserTokens.Single(t => t.UserId == account.Id && t.Name == CoordinatorStore.RecoveryCodesName);
            token.Value = unkeyed;
            await db.SaveChangesAsync();
        }

        using var client = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await CoordinatorAccess.PostSignInAsync(client, coordinator.Email, coordinator.Password, planted);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ASessionKeyWrittenIntoTheDatabaseInClearIsNotTrusted()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(Host, NewEmail());
        using var keys = new TempFolder();
        // The attacker's own Data Protection keys, with the service's application name, in clear.
        var theirs = DataProtectionProvider.Create(new DirectoryInfo(keys.Path), builder => builder.SetApplicationName("Reporting"));
        var protector = theirs.CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", IdentityConstants.ApplicationScheme, "v2");
        string cookie;
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<CoordinatorAccount>>();
            var account = await signIn.UserManager.FindByEmailAsync(coordinator.Email);
            var principal = await signIn.CreateUserPrincipalAsync(account!);
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(CoordinatorPrincipal.MultiFactorClaim, CoordinatorPrincipal.MultiFactorValue));
            var ticket = new AuthenticationTicket(principal, CoordinatorSessionRules.NewSession(TimeProvider.System), IdentityConstants.ApplicationScheme);
            cookie = new TicketDataFormat(protector).Protect(ticket);
            var db = scope.ServiceProvider.GetRequiredService<Reporting.Infrastructure.Persistence.ReportingDbContext>();
            foreach (var file in Directory.GetFiles(keys.Path, "key-*.xml"))
            {
                db.DataProtectionKeys.Add(new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey { FriendlyName = Path.GetFileNameWithoutExtension(file), Xml = await File.ReadAllTextAsync(file) });
            }

            await db.SaveChangesAsync();
        }

        using var client = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        request.Headers.Add("Cookie", $"{CoordinatorsRegistration.CookieName}={cookie}");
        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a cookie signed with a planted key is refused");
        Assert.That(Host.Logs.AllText, Does.Contain("not sealed with the key-encryption key"));
    }

    [Test]
    public async Task SignInTakesAsLongForAnUnknownAddress()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(Host, NewEmail());
        using var client = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (await CoordinatorAccess.PostSignInAsync(client, "uppvarmning@kommun.example", "fel lösenord igen", "123456"))
        {
        }

        async Task<TimeSpan> TimeAsync(string email)
        {
            var page = await client.GetStringAsync(CoordinatorsRegistration.SignInPath);
            using var form = CoordinatorAccess.Form(page, new() { ["Email"] = email, ["Password"] = "fel lösenord igen", ["Code"] = "123456" });
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync(CoordinatorsRegistration.SignInPath, form);
            watch.Stop();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            return watch.Elapsed;
        }

        var known = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();
        for (var i = 0; i < 4; i++) // fewer than the five failures that lock the account
        {
            known.Add(await TimeAsync(coordinator.Email));
            unknown.Add(await TimeAsync($"ingen{i}@kommun.example"));
        }

        var knownMedian = known.Order().ElementAt(known.Count / 2);
        var unknownMedian = unknown.Order().ElementAt(unknown.Count / 2);
        Assert.That(unknownMedian.TotalMilliseconds, Is.GreaterThan(knownMedian.TotalMilliseconds * 0.5),
            $"unknown {unknownMedian.TotalMilliseconds:0} ms against known {knownMedian.TotalMilliseconds:0} ms: the password hash is checked either way");
    }

    [Test]
    public async Task OnHttpsTheCookiesAreHostPrefixedAndSecure()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(Host, NewEmail());
        using var client = Host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

        using var form = await client.GetAsync("/");
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single();
        using var signedIn = await CoordinatorAccess.PostSignInAsync(client, coordinator.Email, coordinator.Password, Totp.Code(coordinator.AuthenticatorKey));
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.Contains(CoordinatorsRegistration.CookieName, StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(antiforgery, Does.StartWith("__Host-rapportering.af=").And.Contain("secure").IgnoreCase.And.Contain("path=/").IgnoreCase);
            Assert.That(session, Does.StartWith($"__Host-{CoordinatorsRegistration.CookieName}=").And.Contain("secure").IgnoreCase.And.Contain("path=/").IgnoreCase);
            Assert.That(session, Does.Not.Contain("domain=").IgnoreCase);
        });
        using var api = await client.GetAsync("/api/session");
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the prefixed cookie is read back");
    }

    [Test]
    public async Task OnPlainHttpTheCookiesKeepTheirNames()
    {
        using var form = await Client.GetAsync("/");

        Assert.That(form.Headers.GetValues("Set-Cookie").Single(), Does.StartWith("rapportering.af="));
    }

    [Test]
    public async Task ANewEndpointIsClosedUnlessItSaysOtherwise()
    {
        var fallback = await Host.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();

        Assert.That(fallback, Is.Not.Null, "there is a fallback policy");
        Assert.That(fallback!.Requirements.OfType<ClosedUnlessAnonymousRequirement>(), Is.Not.Empty);
        using var stranger = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var unknownApi = await stranger.GetAsync("/api/identifier-check"); // a route, the wrong method
        Assert.That(unknownApi.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed), "the framework's own answers still reach strangers");
    }
}
