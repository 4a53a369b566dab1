using System.Net;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Coordinators;
using Reporting.Features.Notifications;
using Reporting.Features.Organisation;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Coordinators;

/// <summary>
/// A deputy (ersättare, <c>coordinator add --until</c>): signs in, works and is alerted up to and
/// including their last day in the organisation's time zone, and not a minute after: the open
/// session ends at the first stamp check past midnight, a new sign-in is refused, alerts stop, and
/// the audit log says so. The clock is a FakeTimeProvider walked across midnight with the session
/// kept busy, so neither the idle timeout nor the absolute limit is what ends it.
/// </summary>
[TestFixture]
public sealed class DeputyTests
{
    private TempFolder _folder = null!;
    private FakeTimeProvider _clock = null!;
    private ReportingHost _host = null!;

    [SetUp]
    public void Start()
    {
        _folder = new TempFolder();
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow); // one-time codes are computed from real time
        _host = new ReportingHost(_folder.Path, new Dictionary<string, string?> { ["Coordinators:SessionMaxHours"] = "48" }, _clock);
    }

    [TearDown]
    public void Stop()
    {
        _host.Dispose();
        _folder.Dispose();
    }

    private DateOnly Today => _host.Services.GetRequiredService<OrganisationProfile>().Today();

    private async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    /// <summary>Enrols the account the way <see cref="CoordinatorAccess.EnrolAsync"/> does, after <c>add --until</c> made it.</summary>
    private async Task<EnrolledCoordinator> AddDeputyAsync(string email, DateOnly lastDay)
    {
        var invitation = await SendAsync(new InviteCoordinatorCommand(email) { Until = lastDay });
        return await CoordinatorAccess.EnrolAsync(_host, email, invitation.Link.PathAndQuery);
    }

    private async Task<IReadOnlyList<string>> RecipientsAsync() =>
        await _host.Services.GetRequiredService<AlertRecipients>().GetAsync(CancellationToken.None);

    /// <summary>Walks the clock to a minute past the next local midnight in 20-minute steps, asking something each step.</summary>
    private async Task<List<(DateOnly Day, HttpStatusCode Status)>> WalkPastMidnightAsync(HttpClient client)
    {
        var organisation = _host.Services.GetRequiredService<OrganisationProfile>();
        var seen = new List<(DateOnly, HttpStatusCode)>();
        var start = Today;
        while (Today == start)
        {
            var untilMidnight = TimeSpan.FromMilliseconds(organisation.StartOfDay(start.AddDays(1)) - _clock.GetUtcNow().ToUnixTimeMilliseconds());
            _clock.Advance(untilMidnight > TimeSpan.FromMinutes(20) ? TimeSpan.FromMinutes(20) : untilMidnight + TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
            using var response = await client.GetAsync("/api/session");
            seen.Add((Today, response.StatusCode));
        }

        return seen;
    }

    [Test]
    public async Task ADeputyWorksThroughTheLastDayAndNotAMinuteAfter()
    {
        var deputy = await AddDeputyAsync("ersattare@kommun.example", Today);
        var colleague = await CoordinatorAccess.EnrolAsync(_host, "ordinarie@kommun.example");
        using var session = await CoordinatorAccess.SignInAsync(_host, deputy);
        Assert.That(await RecipientsAsync(), Does.Contain(deputy.Email), "alerted on the last day");

        var walk = await WalkPastMidnightAsync(session);

        Assert.That(walk.Where(w => w.Day == walk[0].Day).Select(w => w.Status), Has.All.EqualTo(HttpStatusCode.OK), "the session holds all through the last day");
        Assert.That(walk[^1].Status, Is.EqualTo(HttpStatusCode.Unauthorized), "and ends at the first stamp check after it");
        Assert.That(await RecipientsAsync(), Does.Not.Contain(deputy.Email).And.Contain(colleague.Email), "no alerts after the last day");
        using var fresh = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var refused = await CoordinatorAccess.PostSignInAsync(fresh, deputy.Email, deputy.Password, Totp.Code(deputy.AuthenticatorKey));
        Assert.That(refused.StatusCode, Is.Not.EqualTo(HttpStatusCode.Redirect), "a new sign-in is refused (a signed-in post is redirected)");
        Assert.That((await fresh.GetAsync("/api/session")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var colleagueSession = await CoordinatorAccess.SignInAsync(_host, colleague);
        Assert.That((await colleagueSession.GetAsync("/api/session")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "an account without an end is not touched");

        var audit = await _host.ReadColumnAsync("SELECT \"Detail\" FROM \"AuditLog\" WHERE \"Detail\" IS NOT NULL");
        Assert.That(audit, Has.Some.EqualTo($"{deputy.Email}, ersättare till och med {walk[0].Day:yyyy-MM-dd}"), "the audit log shows the deputy's terms");
        Assert.That(audit, Has.Some.Contains("ersättarens sista dag"), "and why the sign-in was refused");
    }

    [Test]
    public async Task ADeputyWhoseLastDayIsLaterKeepsTheirSessionOverMidnight()
    {
        var deputy = await AddDeputyAsync("ersattare2@kommun.example", Today.AddDays(1));
        using var session = await CoordinatorAccess.SignInAsync(_host, deputy);

        var walk = await WalkPastMidnightAsync(session);

        Assert.That(walk.Select(w => w.Status), Has.All.EqualTo(HttpStatusCode.OK));
        Assert.That(await RecipientsAsync(), Does.Contain(deputy.Email));
    }

    [Test]
    public async Task ALastDayInThePastIsRefusedNamingTheOption()
    {
        var refusal = await Assert.ThrowsAsync<Reporting.Pipeline.RequestValidationException>(() => SendAsync(new InviteCoordinatorCommand("sen@kommun.example") { Until = Today.AddDays(-1) }));
        Assert.That(refusal!.Message + string.Join(" ", refusal.Errors.SelectMany(e => e.Value)), Does.Contain("--until"));
    }

    [Test]
    public async Task TheCommandLineMakesADeputyAndRefusesABadDay()
    {
        using var folder = new TempFolder();
        var env = ServiceProcess.EnvironmentFor(folder);

        var made = await ServiceProcess.RunAsync(env, "coordinator", "add", "--email", "vikarie@kommun.example", "--until", "2999-12-31");
        var badDay = await ServiceProcess.RunAsync(env, "coordinator", "add", "--email", "vikarie2@kommun.example", "--until", "31/12");

        Assert.That(made.ExitCode, Is.EqualTo(0), made.Error);
        Assert.That(made.Output, Does.Contain("deputy until 2999-12-31"));
        Assert.That(badDay.ExitCode, Is.Not.EqualTo(0));
        Assert.That(badDay.Error, Does.Contain("--until"));
    }
}
