using System.Net;
using System.Text.Json;
using Reporting.Tests.Support;

namespace Reporting.Tests.Pipeline;

/// <summary>Health, API documentation and the headers every response carries.</summary>
[TestFixture]
public sealed class ServiceSurfaceTests : HostFixture
{
    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    public async Task HealthAnswers200(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task TheOpenApiDocumentDescribesTheIntake()
    {
        var response = await Client.GetAsync("/openapi/v1.json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        Assert.That(paths.TryGetProperty("/api/reports", out _), Is.True);
        Assert.That(paths.TryGetProperty("/api/identifier-check", out _), Is.True);
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    [TestCase("/openapi/v1.json")]
    [TestCase("/api/reports")]
    [TestCase("/no-such-page")]
    [TestCase("/")]
    [TestCase("/?lang=en")]
    [TestCase("/css/site.css")]
    [TestCase("/js/report-form.js")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        var response = await Client.GetAsync(path);

        var headers = response.Headers;
        Assert.Multiple(() =>
        {
            Assert.That(headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'self'").And.Contain("frame-ancestors 'none'").And.Not.Contain("unsafe-inline"));
            Assert.That(headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
            Assert.That(headers.Contains("Permissions-Policy"), Is.True);
            Assert.That(headers.Contains("Server"), Is.False);
        });
    }
}

/// <summary>Behind a reverse proxy: its forwarded headers are believed only when it is configured.</summary>
[TestFixture]
public sealed class ReverseProxyTests
{
    [TestCase(true, TestName = "HstsIsSentForHttpsThroughAKnownProxy")]
    [TestCase(false, TestName = "ForwardedHeadersFromAnUnknownProxyAreIgnored")]
    public async Task ForwardedProtoIsBelievedOnlyFromAKnownProxy(bool known)
    {
        using var folder = new TempFolder();
        var port = TestSmtpServer.FreePort();
        var environment = new Dictionary<string, string> { ["Storage__DataDirectory"] = folder.Path, ["Urls"] = $"http://127.0.0.1:{port}" };
        if (known)
        {
            environment["ReverseProxy__KnownProxies__0"] = "127.0.0.1";
        }

        await using var service = await ServiceProcess.StartAsync(environment, port);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await service.Client.SendAsync(request);

        Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.EqualTo(known));
    }
}
