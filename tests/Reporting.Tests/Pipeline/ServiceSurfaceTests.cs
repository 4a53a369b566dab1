using System.Net;
using System.Text.Json;
using Reporting.Tests.Support;

namespace Reporting.Tests.Pipeline;

/// <summary>Health, API documentation and the headers every response carries.</summary>
[TestFixture]
public sealed class ServiceSurfaceTests
{
    private TempFolder _folder = null!;
    private ReportingHost _host = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        _folder = new TempFolder();
        _host = new ReportingHost(_folder.Path);
        _client = _host.CreateClient();
    }

    [OneTimeTearDown]
    public void StopHost()
    {
        _client.Dispose();
        _host.Dispose();
        _folder.Dispose();
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    public async Task HealthAnswers200(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task TheOpenApiDocumentDescribesTheIntake()
    {
        var response = await _client.GetAsync("/openapi/v1.json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        Assert.That(paths.TryGetProperty("/api/reports", out _), Is.True);
        Assert.That(paths.TryGetProperty("/api/identifier-check", out _), Is.True);
    }

    [TestCase("/health/live")]
    [TestCase("/openapi/v1.json")]
    [TestCase("/api/reports")]
    [TestCase("/no-such-page")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        var response = await _client.GetAsync(path);

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
