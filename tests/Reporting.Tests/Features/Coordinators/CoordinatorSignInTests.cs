using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Coordinators;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Coordinators;

/// <summary>Enrolment from a setup link, sign-in with password and one-time code, lockout, recovery codes, sign-out.</summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSQL")]
public sealed class CoordinatorSignInTests(string provider) : HostFixture(provider)
{
    private static int _next;

    private static string NewEmail() => $"samordnare{Interlocked.Increment(ref _next)}@kommun.example";

    [Test]
    public async Task EnrolsFromSetupLinkAndSignsInWithPasswordAndCode()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(Host, NewEmail());
        using var client = await CoordinatorAccess.SignInAsync(Host, coordinator);

        using var inbox = await client.GetAsync("/samordnare");
        Assert.That(inbox.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await inbox.Content.ReadAsStringAsync(), Does.Contain("Inkorg").And.Contain(coordinator.Email));
    }

    [Test]
    public async Task SetupLinkWorksOnlyOnce()
    {
        var email = NewEmail();
        var link = await CoordinatorAccess.InviteAsync(Host, email);
        using var client = Host.CreateClient();
        var (page, key) = await CoordinatorAccess.OpenLinkAsync(client, link);
        using (var first = await client.PostAsync(CoordinatorsRegistration.EnrolmentPath, CoordinatorAccess.Form(page, new() { ["Password"] = CoordinatorAccess.Password, ["ConfirmPassword"] = CoordinatorAccess.Password, ["Code"] = Totp.Code(key) })))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var again = await client.GetAsync(link);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("Länken fungerar inte"));
    }

    [Test]
    public async Task EnrolmentNeedsAWorkingAuthenticatorAndALongPassword()
    {
        var link = await CoordinatorAccess.InviteAsync(Host, NewEmail());
        using var client = Host.CreateClient();
        var (page, key) = await CoordinatorAccess.OpenLinkAsync(client, link);

        using var response = await client.PostAsync(CoordinatorsRegistration.EnrolmentPath, CoordinatorAccess.Form(page, new() { ["Password"] = "kort", ["ConfirmPassword"] = "kort", ["Code"] = Totp.WrongCode(key) }));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body, Does.Contain("minst 12 tecken").And.Contain("Koden stämmer inte"));
        using var stillOpen = await client.GetAsync(link);
        Assert.That(stillOpen.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a failed attempt does not use up the link");
    }

    [Test]
    public async Task ExpiredSetupLinkIsRefused()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = new ReportingHost(folder.Path, clock: clock);
        var link = await CoordinatorAccess.InviteAsync(host, NewEmail());
        clock.Advance(InviteCoordinatorHandler.ValidFor + TimeSpan.FromMinutes(1));

        using var client = host.CreateClient();
        using var response = await client.GetAsync(link);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task WrongPasswordOrWrongCodeIsRefused()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(Host, NewEmail());
        using var client = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var wrongPassword = await CoordinatorAccess.PostSignInAsync(client, coordinator.Email, "fel lösenord helt klart", Totp.Code(coordinator.AuthenticatorKey));
        using var wrongCode = await CoordinatorAccess.PostSignInAsync(client, coordinator.Email, coordinator.Password, Totp.WrongCode(coordinator.AuthenticatorKey));
        using var noCode = await CoordinatorAccess.PostSignInAsync(client, coordinator.Email, coordinator.Password, "");

        Assert.Multiple(() =>
        {
            Assert.That(wrongPassword.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(wrongCode.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(noCode.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(wrongCode.Headers.Contains("Set-Cookie") && wrongCode.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(CoordinatorsRegistration.CookieName, StringComparison.Ordinal)),
                Is.False, "no session cookie without the second factor");
        });
    }

    [Test]
    public async Task AccountLocksAfterFiveFailedAttemptsEvenForTheRightCredentials()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(Host, NewEmail());
        using var client = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 5; i++)
        {
            using var failed = await CoordinatorAccess.PostSignInAsync(client, coordinator.Email, coordinator.Password, Totp.WrongCode(coordinator.AuthenticatorKey));
        }

        using var right = await CoordinatorAccess.PostSignInAsync(client, coordinator.Email, coordinator.Password, Totp.Code(coordinator.AuthenticatorKey));

        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await right.Content.ReadAsStringAsync(), Does.Contain("spärrat"));
    }

    [Test]
    public async Task RecoveryCodeSignsInOnce()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(Host, NewEmail());
        var recovery = coordinator.RecoveryCodes[0];

        using var first = await CoordinatorAccess.SignInAsync(Host, coordinator, recovery);
        using var client = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var reused = await CoordinatorAccess.PostSignInAsync(client, coordinator.Email, coordinator.Password, recovery);

        Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task SecondFactorSecretsAreNotStoredInClear()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(Host, NewEmail());
        var tokens = await Host.ReadColumnAsync("SELECT \"Value\" FROM \"CoordinatorTokens\"");

        Assert.That(tokens, Is.Not.Empty);
        Assert.That(tokens, Has.None.Contains(coordinator.AuthenticatorKey).IgnoreCase);
        foreach (var code in coordinator.RecoveryCodes)
        {
            Assert.That(tokens, Has.None.Contains(code));
        }
    }

    [Test]
    public async Task DataProtectionKeysAreSealedInTheDatabase()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(Host, NewEmail());
        using var client = await CoordinatorAccess.SignInAsync(Host, coordinator);
        var keys = await Host.ReadColumnAsync("SELECT \"Xml\" FROM \"DataProtectionKeys\"");

        Assert.That(keys, Is.Not.Empty, "the keys that sign sessions live in the database, shared by every instance");
        Assert.That(keys, Has.All.Contains("sealedKey").And.All.Not.Contains("<masterKey"), "sealed with the key-encryption key, not in clear");
    }

    [Test]
    public async Task SessionCookieIsHttpOnlyAndSameSiteStrict()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(Host, NewEmail());
        using var client = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync(CoordinatorsRegistration.SignInPath);
        var html = await page.Content.ReadAsStringAsync();
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, CoordinatorsRegistration.SignInPath)
        {
            Content = CoordinatorAccess.Form(html, new() { ["Email"] = coordinator.Email, ["Password"] = coordinator.Password, ["Code"] = Totp.Code(coordinator.AuthenticatorKey) }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);

        using var response = await client.SendAsync(request);
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CoordinatorsRegistration.CookieName + "=", StringComparison.Ordinal));

        Assert.That(session, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
        Assert.That(session, Does.Not.Contain("expires").IgnoreCase, "a session cookie: gone when the browser closes");
    }

    [Test]
    public async Task SignOutEndsTheSession()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(Host, NewEmail());
        using var client = await CoordinatorAccess.SignInAsync(Host, coordinator);
        var inbox = await client.GetStringAsync("/samordnare");

        using var signOut = await client.PostAsync("/samordnare/logga-ut", CoordinatorAccess.Form(inbox, []));
        using var after = await client.GetAsync("/api/reports");

        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ResetAfterALostPhoneRemovesTheOldCredentialsAndGivesANewLink()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(Host, NewEmail());
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var link = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>()
                .Send(new InviteCoordinatorCommand(coordinator.Email, Reset: true));
            using var client = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            using var oldCredentials = await CoordinatorAccess.PostSignInAsync(client, coordinator.Email, coordinator.Password, Totp.Code(coordinator.AuthenticatorKey));
            using var browser = Host.CreateClient();
            using var newLink = await browser.GetAsync(link.Link.PathAndQuery);

            Assert.That(oldCredentials.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(newLink.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task ARemovedCoordinatorCannotSignInAndTheLogSaysSo()
    {
        var coordinator = await CoordinatorAccess.EnrolAsync(Host, NewEmail());
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new RemoveCoordinatorCommand(coordinator.Email));
        }

        using var client = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await CoordinatorAccess.PostSignInAsync(client, coordinator.Email, coordinator.Password, Totp.Code(coordinator.AuthenticatorKey));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await Host.ReadColumnAsync("SELECT \"Detail\" FROM \"AuditLog\" WHERE \"Action\" = 'coordinator-removed'"), Does.Contain(coordinator.Email));
    }

    [Test]
    public async Task CommandLinePrintsAOneTimeSetupLink()
    {
        using var folder = new TempFolder();
        var env = ServiceProcess.EnvironmentFor(folder);
        env["Notifications__PublicBaseUrl"] = "https://rapportering.kommun.example";

        var result = await ServiceProcess.RunAsync(env, "coordinator", "add", "--email", "ny.samordnare@kommun.example");
        var again = await ServiceProcess.RunAsync(env, "coordinator", "add", "--email", "inte-en-adress");
        var removed = await ServiceProcess.RunAsync(env, "coordinator", "remove", "--email", "ny.samordnare@kommun.example");
        var removedAgain = await ServiceProcess.RunAsync(env, "coordinator", "remove", "--email", "ny.samordnare@kommun.example");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Match(@"https://rapportering\.kommun\.example/samordnare/aktivera\?token=[A-Za-z0-9_-]{40,}"));
        Assert.That(again.ExitCode, Is.Not.EqualTo(0));
        Assert.That(again.Error.Trim().Split('\n').Last(), Does.Contain("--email"));
        Assert.That(removed.ExitCode, Is.EqualTo(0), removed.Error);
        Assert.That(removedAgain.ExitCode, Is.Not.EqualTo(0));
        Assert.That(removedAgain.Error.Trim().Split('\n').Last(), Does.Contain("no coordinator account"));
    }

    [Test]
    public async Task FirstStartWithoutCoordinatorSaysHowToCreateOne()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path);
        using var client = host.CreateClient();
        await client.GetAsync("/health/live");

        Assert.That(host.Logs.Lines, Has.Some.Contains("coordinator add --email"));
    }
}
