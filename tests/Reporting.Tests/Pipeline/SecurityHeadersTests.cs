using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Reporting.Features.Identifiers;
using Reporting.Tests.Support;

namespace Reporting.Tests.Pipeline;

/// <summary>
/// Error answers carry the same security headers as the rest (the exception handler clears the
/// response before writing a problem detail), and nothing but the static assets may be cached.
/// </summary>
[TestFixture]
public sealed class SecurityHeadersTests
{
    private TempFolder _folder = null!;
    private ReportingHost _host = null!;
    private HttpClient _client = null!;

    /// <summary>A recogniser that fails, so the check answers 500 (a fault, not bad input).</summary>
    private sealed class BrokenRecogniser : IIdentifierRecogniser
    {
        public void Find(string text, List<Candidate> candidates) => throw new InvalidOperationException("broken on purpose");
    }

    [OneTimeSetUp]
    public void Start()
    {
        _folder = new TempFolder();
        _host = new ReportingHost(_folder.Path, services: services =>
        {
            services.AddSingleton(new IdentifierScanner([new BrokenRecogniser()]));
            services.AddHealthChecks().AddCheck("broken", () => HealthCheckResult.Unhealthy("broken on purpose"), tags: ["ready"]);
        });
        _client = _host.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _client.Dispose();
        _host.Dispose();
        _folder.Dispose();
    }

    private static IEnumerable<TestCaseData> ErrorAnswers()
    {
        yield return new TestCaseData("POST", "/api/reports", "{\"kind\": 5}", "application/json", HttpStatusCode.BadRequest).SetName("HeadersOn400");
        yield return new TestCaseData("POST", "/api/reports", "{\"description\": \"" + new string('x', 70_000) + "\"}", "application/json", HttpStatusCode.RequestEntityTooLarge).SetName("HeadersOn413");
        yield return new TestCaseData("POST", "/api/reports", "kind=incident", "text/plain", HttpStatusCode.UnsupportedMediaType).SetName("HeadersOn415");
        yield return new TestCaseData("GET", "/health/ready", null, null, HttpStatusCode.ServiceUnavailable).SetName("HeadersOn503");
        yield return new TestCaseData("POST", "/api/identifier-check", "{\"text\": \"hej\"}", "application/json", HttpStatusCode.InternalServerError).SetName("HeadersOn500");
        yield return new TestCaseData("GET", "/api/reports", null, null, HttpStatusCode.Unauthorized).SetName("HeadersOn401");
    }

    [TestCaseSource(nameof(ErrorAnswers))]
    public async Task EveryErrorAnswerCarriesTheSecurityHeaders(string method, string path, string? body, string? mediaType, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType!);
        }

        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(expected));
        var headers = response.Headers;
        Assert.Multiple(() =>
        {
            Assert.That(headers.TryGetValues("Content-Security-Policy", out var csp) ? csp.Single() : null, Does.Contain("default-src 'self'").And.Contain("frame-ancestors 'none'"));
            Assert.That(headers.TryGetValues("X-Content-Type-Options", out var sniff) ? sniff.Single() : null, Is.EqualTo("nosniff"));
            Assert.That(headers.TryGetValues("Referrer-Policy", out var referrer) ? referrer.Single() : null, Is.EqualTo("no-referrer"));
            Assert.That(headers.CacheControl?.NoStore, Is.True, "no-store");
        });
    }
}

/// <summary>Pages with report content, the inbox and the recovery codes are never cached, by rule.</summary>
[TestFixture]
public sealed class NoStoreTests : HostFixture
{
    [Test]
    public async Task TheInboxTheReportPageAndTheRecoveryCodesAreNotCached()
    {
        // The recovery codes: the answer to the enrolment post.
        var link = await CoordinatorAccess.InviteAsync(Host, "cache@kommun.example");
        using var browser = Host.CreateClient();
        var (page, key) = await CoordinatorAccess.OpenLinkAsync(browser, link);
        using var codes = await browser.PostAsync(Reporting.Features.Coordinators.CoordinatorsRegistration.EnrolmentPath, CoordinatorAccess.Form(page, new()
        {
            ["Password"] = CoordinatorAccess.Password,
            ["ConfirmPassword"] = CoordinatorAccess.Password,
            ["Code"] = Totp.Code(key),
        }));
        Assert.That(await codes.Content.ReadAsStringAsync(), Does.Contain("recovery-codes"));
        Assert.That(codes.Headers.CacheControl?.NoStore, Is.True, "recovery codes page");

        var coordinator = new EnrolledCoordinator("cache@kommun.example", CoordinatorAccess.Password, key, []);
        using var client = await CoordinatorAccess.SignInAsync(Host, coordinator);
        var submitted = SampleReports.Valid();
        using var created = await Client.PostAsync("/api/reports", System.Net.Http.Json.JsonContent.Create(submitted));
        using var inbox = await client.GetAsync("/samordnare");
        Assert.That(inbox.Headers.CacheControl?.NoStore, Is.True, "inbox");
        var id = System.Text.RegularExpressions.Regex.Match(await inbox.Content.ReadAsStringAsync(), "/samordnare/rapporter/([0-9a-f-]{36})").Groups[1].Value;
        using var report = await client.GetAsync($"/samordnare/rapporter/{id}");
        Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(report.Headers.CacheControl?.NoStore, Is.True, "report page");
    }

    [Test]
    public async Task OnlyTheStaticAssetsMayBeCached()
    {
        using var css = await Client.GetAsync("/css/site.css");
        using var form = await Client.GetAsync("/");

        Assert.That(css.Headers.CacheControl?.NoStore ?? false, Is.False);
        Assert.That(form.Headers.CacheControl?.NoStore, Is.True);
    }
}
