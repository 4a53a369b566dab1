using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Coordinators;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Coordinators;

/// <summary>
/// Single sign-on against a real OpenID Connect provider (OpenIddict on loopback): the browser's
/// round trip is followed by hand, the service's side in its test host, the provider's over real
/// HTTP. Refusals without multi-factor, for unknown addresses and for another subject; tampered and
/// expired id tokens; password sign-in switched off; sessions that end with the account; every
/// outcome audited; no code or token in the logs.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SingleSignOnTests
{
    private static int _next;
    private OidcProvider _provider = null!;

    [OneTimeSetUp]
    public async Task Start() => _provider = await OidcProvider.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _provider.DisposeAsync();

    private static string NewEmail() => $"sso{Interlocked.Increment(ref _next)}@kommun.example";

    private (ReportingHost Host, FakeTimeProvider Clock, TempFolder Folder) StartService(bool localSignIn = true)
    {
        var folder = new TempFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var host = new ReportingHost(folder.Path, new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = _provider.Authority,
            ["Authentication:Oidc:ClientId"] = OidcProvider.ClientId,
            ["Authentication:Oidc:ClientSecret"] = OidcProvider.ClientSecret,
            ["Authentication:LocalSignIn"] = localSignIn ? "true" : "false",
        }, clock);
        _ = host.Services;
        return (host, clock, folder);
    }

    private static async Task AddAsync(ReportingHost host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new AddSingleSignOnCoordinatorCommand(email));
    }

    private static HttpClient Browser(ReportingHost host) =>
        host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>"Logga in med kommunens konto", the provider, and back: where the service sends the browser in the end.</summary>
    private static async Task<string> SignInThroughProviderAsync(HttpClient service)
    {
        using var start = await service.GetAsync("/samordnare/logga-in/sso");
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var authorize = start.Headers.Location!;
        Assert.That(authorize.Query, Does.Contain("code_challenge=").And.Contain("code_challenge_method=S256").And.Contain("state=").And.Contain("nonce="));
        using var atProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answered = await atProvider.GetAsync(authorize);
        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await answered.Content.ReadAsStringAsync());
        var callback = answered.Headers.Location!;
        Assert.That(callback.AbsolutePath, Is.EqualTo("/signin-oidc"));
        using var back = await service.GetAsync(callback.PathAndQuery);
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await back.Content.ReadAsStringAsync());
        return back.Headers.Location!.OriginalString;
    }

    private static async Task<HttpStatusCode> SessionAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/session");
        return response.StatusCode;
    }

    private static async Task<List<string>> AuditAsync(ReportingHost host) =>
        await host.ReadColumnAsync("SELECT \"Actor\" || ' ' || \"Action\" || ' ' || COALESCE(\"Detail\", '') FROM \"AuditLog\" ORDER BY \"Id\"");

    [Test]
    public async Task AnAccountSignsInWithMultiFactorAtTheProvider_AndIsBoundToItsSubject()
    {
        var (host, _, folder) = StartService();
        using var _f = folder;
        using var _h = host;
        var email = NewEmail();
        await AddAsync(host, email);
        _provider.NextUser = new OidcProvider.User("subject-a", email.ToUpperInvariant(), ["pwd", "mfa"], EmailVerified: true);

        using var browser = Browser(host);
        Assert.That(await SignInThroughProviderAsync(browser), Is.EqualTo("/samordnare"));
        var session = await browser.GetFromJsonAsync<JsonElement>("/api/session");
        Assert.That(session.GetProperty("email").GetString(), Is.EqualTo(email));
        using (var inbox = await browser.GetAsync("/samordnare"))
        {
            Assert.That(inbox.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the same session as a password sign-in: the pages work");
        }

        var bound = await host.ReadColumnAsync("SELECT \"LoginProvider\" || ':' || \"ProviderKey\" FROM \"CoordinatorLogins\"");
        Assert.That(bound, Is.EqualTo(new[] { "oidc:subject-a" }));
        Assert.That(await AuditAsync(host), Has.Some.EqualTo($"{email} signed-in kommunens konto"));

        // Later: the same address at the provider, but another person there.
        _provider.NextUser = new OidcProvider.User("subject-b", email, ["pwd", "mfa"]);
        using var other = Browser(host);
        Assert.That(await SignInThroughProviderAsync(other), Does.Contain("sso=subject"));
        Assert.That(await SessionAsync(other), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await AuditAsync(host), Has.Some.Contains("sign-in-failed kommunens konto: ett annat konto"));

        // And the other way: the provider's person already bound to this account, now with a colleague's address.
        var colleague = NewEmail();
        await AddAsync(host, colleague);
        _provider.NextUser = new OidcProvider.User("subject-a", colleague, ["pwd", "mfa"]);
        using var takeover = Browser(host);
        Assert.That(await SignInThroughProviderAsync(takeover), Does.Contain("sso=subject"));
        Assert.That(await host.ReadColumnAsync("SELECT \"ProviderKey\" FROM \"CoordinatorLogins\""), Is.EqualTo(new[] { "subject-a" }), "nothing new bound");
    }

    [Test]
    public async Task ASignInWithoutMultiFactor_AnUnknownAddress_OrAnUnverifiedOneIsRefused()
    {
        var (host, _, folder) = StartService();
        using var _f = folder;
        using var _h = host;
        var email = NewEmail();
        await AddAsync(host, email);

        _provider.NextUser = new OidcProvider.User("subject-c", email, ["pwd"]);
        using (var browser = Browser(host))
        {
            Assert.That(await SignInThroughProviderAsync(browser), Does.Contain("sso=mfa"));
            Assert.That(await SessionAsync(browser), Is.EqualTo(HttpStatusCode.Unauthorized));
            using var page = await browser.GetAsync("/samordnare/logga-in?sso=mfa");
            Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("utan flera faktorer"), "the refusal says why, in Swedish");
        }

        _provider.NextUser = new OidcProvider.User("subject-d", "ingen@kommun.example", ["mfa"]);
        using (var browser = Browser(host))
        {
            Assert.That(await SignInThroughProviderAsync(browser), Does.Contain("sso=unknown"));
        }

        _provider.NextUser = new OidcProvider.User("subject-c", email, ["mfa"], EmailVerified: false);
        using (var browser = Browser(host))
        {
            Assert.That(await SignInThroughProviderAsync(browser), Does.Contain("sso=unverified"));
        }

        var audit = await AuditAsync(host);
        Assert.Multiple(() =>
        {
            Assert.That(audit, Has.Some.EqualTo($"{email} sign-in-failed kommunens konto: utan flerfaktorsinloggning"));
            Assert.That(audit, Has.Some.Contains("sign-in-failed kommunens konto: inget aktivt samordnarkonto"));
            Assert.That(audit, Has.Some.Contains("sign-in-failed kommunens konto: e-postadressen är inte bekräftad"));
            Assert.That(audit, Has.None.Contains(" signed-in "));
        });
    }

    [Test]
    public async Task ATokenWithoutAVerifiedAddressNeverBindsAnAccount_UnlessTheSubjectWasPinned()
    {
        var (host, _, folder) = StartService();
        using var _f = folder;
        using var _h = host;
        var email = NewEmail();
        await AddAsync(host, email);

        // "nOAuth": an address anyone may set on their own account at the provider, sent without email_verified.
        _provider.NextUser = new OidcProvider.User("attacker", email, ["mfa"], EmailVerified: null);
        using (var browser = Browser(host))
        {
            Assert.That(await SignInThroughProviderAsync(browser), Does.Contain("sso=unverified"));
            Assert.That(await SessionAsync(browser), Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        Assert.That(await host.ReadColumnAsync("SELECT \"ProviderKey\" FROM \"CoordinatorLogins\""), Is.Empty, "nothing was bound");

        // An administrator who knows the person's subject pins it; then no verified address is needed.
        var pinned = NewEmail();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new AddSingleSignOnCoordinatorCommand(pinned, "the-real-person"));
        }

        _provider.NextUser = new OidcProvider.User("someone-else", pinned, ["mfa"], EmailVerified: null);
        using (var browser = Browser(host))
        {
            Assert.That(await SignInThroughProviderAsync(browser), Does.Contain("sso=subject"), "the pinned account answers to its subject only");
        }

        _provider.NextUser = new OidcProvider.User("the-real-person", pinned, ["mfa"], EmailVerified: null);
        using (var browser = Browser(host))
        {
            Assert.That(await SignInThroughProviderAsync(browser), Is.EqualTo("/samordnare"));
            Assert.That(await SessionAsync(browser), Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [TestCase("tampered")]
    [TestCase("expired")]
    public async Task ATamperedOrExpiredIdTokenIsRefused(string problem)
    {
        var (host, _, folder) = StartService();
        using var _f = folder;
        using var _h = host;
        var email = NewEmail();
        await AddAsync(host, email);
        _provider.NextUser = new OidcProvider.User("subject-e", email, ["mfa"]);
        _provider.TamperWithIdTokens = problem == "tampered";
        _provider.IssueExpiredTokens = problem == "expired";
        try
        {
            using var browser = Browser(host);
            Assert.That(await SignInThroughProviderAsync(browser), Does.Contain("sso=failed"));
            Assert.That(await SessionAsync(browser), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await AuditAsync(host), Has.Some.Contains("sign-in-failed kommunens konto: ogiltigt svar"));
        }
        finally
        {
            _provider.TamperWithIdTokens = false;
            _provider.IssueExpiredTokens = false;
        }
    }

    [Test]
    public async Task PasswordSignInCanBeSwitchedOff()
    {
        var (host, _, folder) = StartService(localSignIn: false);
        using var _f = folder;
        using var _h = host;
        var enrolled = await CoordinatorAccess.EnrolAsync(host, NewEmail());
        using var browser = Browser(host);
        var page = await browser.GetStringAsync("/samordnare/logga-in");
        Assert.That(page, Does.Contain("Logga in med kommunens konto").And.Not.Contain("id=\"password\""));

        // The page has no password form any more; a post made by hand (with the staff form's token) is refused.
        var tokenPage = await browser.GetStringAsync("/");
        using var refused = await browser.PostAsync("/samordnare/logga-in", CoordinatorAccess.Form(tokenPage, new()
        {
            ["Email"] = enrolled.Email,
            ["Password"] = CoordinatorAccess.Password,
            ["Code"] = Totp.Code(enrolled.AuthenticatorKey),
        }));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await SessionAsync(browser), Is.EqualTo(HttpStatusCode.Unauthorized));

        _provider.NextUser = new OidcProvider.User("subject-f", enrolled.Email, ["mfa"]);
        Assert.That(await SignInThroughProviderAsync(browser), Does.Contain("sso=password"), "an account enrolled with a password needs the administrator's word first");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new AllowSingleSignOnCommand(enrolled.Email));
        }

        Assert.That(await SignInThroughProviderAsync(browser), Is.EqualTo("/samordnare"), "an enrolled local account may use the provider too, once allowed");
        var audit = await AuditAsync(host);
        Assert.That(audit, Has.Some.Contains("sign-in-failed lösenordsinloggning avstängd"));
        Assert.That(audit, Has.Some.Contains("sign-in-failed kommunens konto: kontot loggar in med lösenord"));
        Assert.That(audit, Has.Some.EqualTo($"kommandoraden single-sign-on-allowed {enrolled.Email}"));
    }

    [Test]
    public async Task RemovingTheAccountEndsItsSingleSignOnSessions_AndNoCodeOrTokenIsLogged()
    {
        var (host, clock, folder) = StartService();
        using var _f = folder;
        using var _h = host;
        var email = NewEmail();
        await AddAsync(host, email);
        _provider.NextUser = new OidcProvider.User("subject-g", email, ["mfa"]);
        using var browser = Browser(host);
        Assert.That(await SignInThroughProviderAsync(browser), Is.EqualTo("/samordnare"));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.That(await SessionAsync(browser), Is.EqualTo(HttpStatusCode.OK), "the stamp check keeps the provider's multi-factor assertion");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RemoveCoordinatorCommand(email));
        }

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
        Assert.That(await SessionAsync(browser), Is.EqualTo(HttpStatusCode.Unauthorized));

        var logs = host.Logs.AllText;
        Assert.Multiple(() =>
        {
            Assert.That(_provider.IssuedCodes, Is.Not.Empty);
            Assert.That(_provider.IssuedIdTokens, Is.Not.Empty);
            foreach (var code in _provider.IssuedCodes)
            {
                Assert.That(logs, Does.Not.Contain(code), "no authorization code in the logs");
            }

            foreach (var token in _provider.IssuedIdTokens)
            {
                Assert.That(logs, Does.Not.Contain(token.Split('.')[1]), "no id token in the logs");
                Assert.That(logs, Does.Not.Contain(token.Split('.')[2]));
            }
        });
    }
}
