using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Pipeline;
using Reporting.Tests.Support;

namespace Reporting.Tests.Pipeline;

[TestFixture]
public sealed class RateLimitsTests
{
    private static ReportingHost Host(TempFolder folder, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "true" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new ReportingHost(folder.Path, all);
    }

    [Test]
    public async Task AClientOverItsLimitGets429WithRetryAfter()
    {
        using var folder = new TempFolder();
        using var host = Host(folder, ("RateLimiting:PerClientPermitLimit", "3"), ("RateLimiting:PerClientWindowSeconds", "600"));
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
        Assert.That(check.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the check has a limit of its own");
    }

    [TestCase("/api/reports/")]
    [TestCase("/API/Reports")]
    [TestCase("/api/reports/?a=1")]
    public async Task AnotherSpellingOfThePathDoesNotDodgeTheLimit(string path)
    {
        using var folder = new TempFolder();
        using var host = Host(folder, ("RateLimiting:PerClientPermitLimit", "2"));
        using var client = host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync(path, SampleReports.Valid());
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests }),
            "the same endpoint, so the same limit");
    }

    [Test]
    public async Task TheStaffFormsPostCountsAndItsPageDoesNot()
    {
        using var folder = new TempFolder();
        using var host = Host(folder, ("RateLimiting:PerClientPermitLimit", "1"));
        using var client = host.CreateClient();
        await client.PostAsJsonAsync("/api/reports", SampleReports.Valid());

        var page = await client.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var post = await client.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["kind"] = "incident" }));

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), "reading the form is not limited");
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "posting it is a report");
    }

    [Test]
    public async Task TheGlobalLimitCapsEveryoneTogether()
    {
        using var folder = new TempFolder();
        using var host = Host(folder, ("RateLimiting:GlobalPermitLimit", "2"), ("RateLimiting:GlobalWindowSeconds", "600"));
        using var client = host.CreateClient();

        await client.PostAsJsonAsync("/api/reports", SampleReports.Valid());
        await client.PostAsJsonAsync("/api/reports", SampleReports.Valid());
        var third = await client.PostAsJsonAsync("/api/reports", SampleReports.Valid());

        Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(third.Headers.RetryAfter, Is.Not.Null);
    }

    [Test]
    public async Task TheIdentifierCheckHasItsOwnLimit()
    {
        using var folder = new TempFolder();
        using var host = Host(folder, ("RateLimiting:CheckPerClientPermitLimit", "5"));
        using var client = host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await client.PostAsJsonAsync(i % 2 == 0 ? "/api/identifier-check" : "/api/identifier-check/", new { text = "Ring mig på 070-174 06 12" });
            statuses.Add(last.StatusCode);
        }

        Assert.That(statuses.Take(5), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(statuses[5], Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(last.Headers.RetryAfter, Is.Not.Null);
        Assert.That(await last.Content.ReadAsStringAsync(), Does.Contain("checks"));
        Assert.That((await client.PostAsJsonAsync("/api/reports", SampleReports.Valid())).StatusCode, Is.EqualTo(HttpStatusCode.Created), "intake has its own limit");
    }

    [Test]
    public void TheDefaultCheckLimitLetsAnIntranetTypeAndStopsAFlood()
    {
        var defaults = new RateLimitingOptions();
        var perSecond = (double)defaults.CheckPerClientPermitLimit / defaults.CheckPerClientWindowSeconds;

        Assert.That(perSecond, Is.GreaterThanOrEqualTo(20), "twenty people behind one address, each checked about once a second as they type");
        Assert.That(perSecond, Is.LessThanOrEqualTo(100), "a script from one address is stopped");
    }

    [Test]
    public void AnIpv6ClientIsKnownByItsSlash64()
    {
        var one = RateLimits.ClientKey(IPAddress.Parse("2001:db8:1234:5678::1"));
        var sameNetwork = RateLimits.ClientKey(IPAddress.Parse("2001:db8:1234:5678:ffff:aaaa:bbbb:cccc"));
        var otherNetwork = RateLimits.ClientKey(IPAddress.Parse("2001:db8:1234:5679::1"));
        var mapped = RateLimits.ClientKey(IPAddress.Parse("::ffff:192.0.2.7"));
        var v4 = RateLimits.ClientKey(IPAddress.Parse("192.0.2.7"));

        Assert.Multiple(() =>
        {
            Assert.That(sameNetwork, Is.EqualTo(one));
            Assert.That(otherNetwork, Is.Not.EqualTo(one));
            Assert.That(mapped, Is.EqualTo(v4), "an IPv4 client over a dual stack is the same client");
            Assert.That(one, Does.Not.Contain("2001"), "a keyed hash, not the address");
        });
    }

    [Test]
    public async Task NoClientOrProxyAddressIsLoggedEvenAtDebug()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:PerClientPermitLimit"] = "1",
            ["RateLimiting:CheckPerClientPermitLimit"] = "1",
            ["ReverseProxy:KnownProxies:0"] = "198.51.100.23",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore.HttpOverrides"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
        }, services: services => services.AddSingleton<IStartupFilter>(new FixedRemoteAddress(IPAddress.Parse("198.51.100.23"))));
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");

        for (var i = 0; i < 2; i++)
        {
            await client.PostAsJsonAsync("/api/reports", SampleReports.Valid());
            await client.PostAsJsonAsync("/api/reports/", SampleReports.Valid());
            await client.PostAsJsonAsync("/api/identifier-check/", new { text = "hej" });
            await client.GetAsync("/samordnare/aktivera?token=hemlig-token-i-adressen");
        }

        Assert.That(host.Logs.Lines, Is.Not.Empty, "logging at Debug is captured");
        Assert.Multiple(() =>
        {
            Assert.That(host.Logs.AllText, Does.Not.Contain("203.0.113.77"), "the client");
            Assert.That(host.Logs.AllText, Does.Not.Contain("198.51.100.23"), "the proxy");
            Assert.That(host.Logs.AllText, Does.Not.Contain("hemlig-token-i-adressen"), "a token in a URL");
        });
    }
}
