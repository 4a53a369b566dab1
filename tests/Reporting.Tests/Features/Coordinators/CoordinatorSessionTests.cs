using System.Net;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Coordinators;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Coordinators;

/// <summary>
/// Sessions that really end: after the account is removed or reset, after sign-out (a copied cookie
/// too), and at the absolute limit however busy the session is. The clock is a FakeTimeProvider, so
/// the security-stamp interval and the limits pass without waiting.
/// </summary>
[TestFixture]
public sealed class CoordinatorSessionTests
{
    private static int _next;

    private static string NewEmail() => $"session{Interlocked.Increment(ref _next)}@kommun.example";

    private static async Task<HttpStatusCode> SessionStatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/session");
        return response.StatusCode;
    }

    private static async Task<(ReportingHost Host, FakeTimeProvider Clock, TempFolder Folder)> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var folder = new TempFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow); // one-time codes are computed from real time
        var host = new ReportingHost(folder.Path, settings, clock);
        _ = host.Services; // started
        await Task.CompletedTask;
        return (host, clock, folder);
    }

    [Test]
    public async Task ASessionOutlivesTheStampCheckWithItsSecondFactorIntact()
    {
        var (host, clock, folder) = await StartAsync();
        using var _ = folder;
        using var __ = host;
        var coordinator = await CoordinatorAccess.EnrolAsync(host, NewEmail());
        using var client = await CoordinatorAccess.SignInAsync(host, coordinator);

        for (var minute = 0; minute < 5; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(2)); // past the one-minute check each time
            Assert.That(await SessionStatusAsync(client), Is.EqualTo(HttpStatusCode.OK), $"still signed in after {2 * (minute + 1)} minutes");
        }
    }

    [TestCase("remove")]
    [TestCase("reset")]
    public async Task ARemovedOrResetCoordinatorsSessionEndsAtTheNextStampCheck(string change)
    {
        var (host, clock, folder) = await StartAsync();
        using var _ = folder;
        using var __ = host;
        var coordinator = await CoordinatorAccess.EnrolAsync(host, NewEmail());
        using var client = await CoordinatorAccess.SignInAsync(host, coordinator);
        Assert.That(await SessionStatusAsync(client), Is.EqualTo(HttpStatusCode.OK));

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            if (change == "remove")
            {
                await mediator.Send(new RemoveCoordinatorCommand(coordinator.Email));
            }
            else
            {
                await mediator.Send(new InviteCoordinatorCommand(coordinator.Email, Reset: true));
            }
        }

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
        Assert.That(await SessionStatusAsync(client), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task SigningOutEndsACopyOfTheCookieToo()
    {
        var (host, clock, folder) = await StartAsync();
        using var _ = folder;
        using var __ = host;
        var coordinator = await CoordinatorAccess.EnrolAsync(host, NewEmail());
        var copied = await CoordinatorAccess.SessionCookieAsync(host, coordinator);
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        // Sign out with the cookie (a page gives the form's anti-forgery token and cookie).
        using var inbox = new HttpRequestMessage(HttpMethod.Get, "/samordnare");
        inbox.Headers.Add("Cookie", copied);
        using var inboxPage = await client.SendAsync(inbox);
        var html = await inboxPage.Content.ReadAsStringAsync();
        var antiforgeryCookie = inboxPage.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("rapportering.af=", StringComparison.Ordinal)).Split(';')[0];
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/samordnare/logga-ut") { Content = CoordinatorAccess.Form(html, []) };
        signOut.Headers.Add("Cookie", $"{copied}; {antiforgeryCookie}");
        using var signedOut = await client.SendAsync(signOut);
        Assert.That(signedOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        replay.Headers.Add("Cookie", copied);
        using var replayed = await client.SendAsync(replay);
        Assert.That(replayed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the copied cookie is dead");
    }

    [Test]
    public async Task ABusySessionEndsAtTheAbsoluteLimit()
    {
        var (host, clock, folder) = await StartAsync(new() { ["Coordinators:SessionMaxHours"] = "2" });
        using var _ = folder;
        using var __ = host;
        var coordinator = await CoordinatorAccess.EnrolAsync(host, NewEmail());
        using var client = await CoordinatorAccess.SignInAsync(host, coordinator);

        var elapsed = TimeSpan.Zero;
        while (elapsed < TimeSpan.FromHours(2) - TimeSpan.FromMinutes(20))
        {
            clock.Advance(TimeSpan.FromMinutes(20)); // well inside the 30-minute idle timeout
            elapsed += TimeSpan.FromMinutes(20);
            Assert.That(await SessionStatusAsync(client), Is.EqualTo(HttpStatusCode.OK), $"active after {elapsed}");
        }

        clock.Advance(TimeSpan.FromMinutes(25));
        Assert.That(await SessionStatusAsync(client), Is.EqualTo(HttpStatusCode.Unauthorized), "ended two hours after sign-in");
    }

    [Test]
    public async Task TheDefaultLimitIsTenHours()
    {
        var (host, clock, folder) = await StartAsync();
        using var _ = folder;
        using var __ = host;
        var coordinator = await CoordinatorAccess.EnrolAsync(host, NewEmail());
        using var client = await CoordinatorAccess.SignInAsync(host, coordinator);

        for (var i = 0; i < 29; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.That(await SessionStatusAsync(client), Is.EqualTo(HttpStatusCode.OK), $"active after {(i + 1) * 20} minutes");
        }

        clock.Advance(TimeSpan.FromMinutes(21));
        Assert.That(await SessionStatusAsync(client), Is.EqualTo(HttpStatusCode.Unauthorized), "ended ten hours after sign-in");
    }
}
