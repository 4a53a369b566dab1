using System.Net;
using System.Net.Http.Json;
using Reporting.Tests.Support;

namespace Reporting.Tests.Pipeline;

[TestFixture]
public sealed class IntakeRateLimitingTests
{
    [Test]
    public async Task AClientOverItsLimitGets429WithRetryAfter()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:PerClientPermitLimit"] = "3",
            ["RateLimiting:PerClientWindowSeconds"] = "600",
        });
        using var client = host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await client.PostAsJsonAsync("/api/reports", SampleReports.Valid());
            statuses.Add(last.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests }));
        Assert.That(last.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(last.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var check = await client.PostAsJsonAsync("/api/identifier-check", new { text = "hej" });
        Assert.That(check.StatusCode, Is.EqualTo(HttpStatusCode.OK), "only intake is limited");
    }

    [Test]
    public async Task TheGlobalLimitCapsEveryoneTogether()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:GlobalPermitLimit"] = "2",
            ["RateLimiting:GlobalWindowSeconds"] = "600",
        });
        using var client = host.CreateClient();

        await client.PostAsJsonAsync("/api/reports", SampleReports.Valid());
        await client.PostAsJsonAsync("/api/reports", SampleReports.Valid());
        var third = await client.PostAsJsonAsync("/api/reports", SampleReports.Valid());

        Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(third.Headers.RetryAfter, Is.Not.Null);
    }

    [Test]
    public async Task TheClientAddressIsNeverLogged()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "true", ["RateLimiting:PerClientPermitLimit"] = "1" });
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");

        await client.PostAsJsonAsync("/api/reports", SampleReports.Valid());
        await client.PostAsJsonAsync("/api/reports", SampleReports.Valid());

        Assert.That(host.Logs.AllText, Does.Not.Contain("203.0.113.77"));
        Assert.That(host.Logs.AllText, Does.Not.Contain("127.0.0.1"));
    }
}
