using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.FollowUp;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.FollowUp;

/// <summary>
/// Guessing receipts must not pay, nor lock reporters out: failed look-ups are counted per client
/// before they are made (429 with Retry-After past the limit; while a client is blocked its real
/// receipt is refused too, so the 429 says nothing about the guess), and past everyone's limit for the
/// minute further misses are slowed, never a valid receipt. Replies are limited per report and day.
/// The clock is the service's, so windows pass without sleeping.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReceiptGuessingTests
{
    private static ReportingHost Host(TempFolder folder, FakeTimeProvider clock, int perClient, int perMinute) =>
        new(folder.Path, new Dictionary<string, string?>
        {
            ["FollowUp:FailedLookupsPerClient"] = perClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FollowUp:FailedLookupsPerMinute"] = perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FollowUp:ClientWindowMinutes"] = "15",
        }, clock);

    private static async Task<string> ReceiptAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/reports", SampleReports.Valid());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
    }

    private static Task<HttpResponseMessage> LookUpAsync(HttpClient client, string receipt) =>
        client.PostAsJsonAsync("/api/follow-up", new { receipt });

    [Test]
    public async Task OneClientIsStoppedAfterItsFailedLookUpsUntilTheWindowPasses()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = Host(folder, clock, perClient: 3, perMinute: 1000);
        using var client = host.CreateClient();
        var receipt = await ReceiptAsync(client);

        for (var i = 0; i < 3; i++)
        {
            using var miss = await LookUpAsync(client, $"0000 0000 0000 000{i}");
            Assert.That(miss.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        using var blocked = await LookUpAsync(client, "0000 0000 0000 0009");
        using var blockedReal = await LookUpAsync(client, receipt);
        Assert.That(blocked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(blocked.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(blockedReal.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "while blocked, a real receipt is refused too");
        Assert.That(await blockedReal.Content.ReadAsStringAsync(), Does.Not.Contain(receipt));

        clock.Advance(TimeSpan.FromMinutes(16));
        using var later = await LookUpAsync(client, receipt);
        Assert.That(later.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the window has passed");
    }

    /// <summary>Requests as if from another address (behind the one known proxy the host believes).</summary>
    private static HttpClient ClientAt(ReportingHost host, string address)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static ReportingHost HostBehindProxy(TempFolder folder, FakeTimeProvider clock, int perClient, int perMinute, int repliesPerDay = 10) =>
        new(folder.Path, new Dictionary<string, string?>
        {
            ["FollowUp:FailedLookupsPerClient"] = perClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FollowUp:FailedLookupsPerMinute"] = perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FollowUp:RepliesPerReportPerDay"] = repliesPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ReverseProxy:KnownProxies:0"] = "198.51.100.23",
        }, clock, services => services.AddSingleton<IStartupFilter>(new FixedRemoteAddress(IPAddress.Parse("198.51.100.23"))));

    [Test]
    public async Task AValidReceiptIsNeverRefusedBecauseOthersGuessedWrongly_TheirFurtherMissesAreSlowed()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = HostBehindProxy(folder, clock, perClient: 10, perMinute: 6);
        using var reporter = ClientAt(host, "203.0.113.10");
        var receipt = await ReceiptAsync(reporter);

        // Three addresses guess wrongly, up to everyone's limit for the minute.
        var guessers = new[] { "203.0.113.21", "203.0.113.22", "203.0.113.23" }.Select(a => ClientAt(host, a)).ToList();
        for (var i = 0; i < 6; i++)
        {
            using var miss = await LookUpAsync(guessers[i % 3], $"3000 0000 0000 000{i}");
            Assert.That(miss.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        // The next miss waits its turn in the slow lane (on the service's clock)...
        var slowed = LookUpAsync(guessers[0], "3000 0000 0000 0009");
        await Task.Delay(300);
        Assert.That(slowed.IsCompleted, Is.False, "past the minute's limit a miss is not answered at once");

        // ...while the reporter's valid receipt is answered at once, look-up and reply alike.
        using (var hit = await LookUpAsync(reporter, receipt))
        {
            Assert.That(hit.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a valid receipt is never refused because others guessed");
        }

        using (var reply = await reporter.PostAsJsonAsync("/api/follow-up/messages", new { receipt, text = "Hej igen." }))
        {
            Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        clock.Advance(ReceiptGuessing.SlowLaneInterval);
        using var answered = await slowed;
        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the slowed miss gets the same answer as any miss, later");
        foreach (var guesser in guessers)
        {
            guesser.Dispose();
        }
    }

    [Test]
    public async Task ConcurrentGuessesFromOneClientAreCountedBeforeTheyAreLookedUp()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = HostBehindProxy(folder, clock, perClient: 5, perMinute: 100_000);
        using var guesser = ClientAt(host, "203.0.113.40");

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => LookUpAsync(guesser, $"4000 0000 0000 {i:0000}")));
        Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.NotFound), Is.EqualTo(5), "no more look-ups than the limit were made, however many came at once");
        Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests), Is.EqualTo(35));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Test]
    public async Task RepliesAreLimitedPerReportAndDay()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        using var host = HostBehindProxy(folder, clock, perClient: 10, perMinute: 100, repliesPerDay: 3);
        using var reporter = ClientAt(host, "203.0.113.50");
        var receipt = await ReceiptAsync(reporter);

        for (var i = 0; i < 3; i++)
        {
            using var reply = await reporter.PostAsJsonAsync("/api/follow-up/messages", new { receipt, text = $"Svar nummer {i + 1}." });
            Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using (var flood = await reporter.PostAsJsonAsync("/api/follow-up/messages", new { receipt, text = "Ett svar till." }))
        {
            Assert.That(flood.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(flood.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromDays(1)));
        }

        var stored = await host.ReadColumnAsync("SELECT CAST(COUNT(*) AS TEXT) FROM ReportMessages WHERE FromReporter = 1");
        Assert.That(stored, Is.EqualTo(new[] { "3" }), "the fourth reply stored nothing");

        using (var read = await LookUpAsync(reporter, receipt))
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK), "reading goes on");
        }

        clock.Advance(TimeSpan.FromDays(1));
        using var tomorrow = await reporter.PostAsJsonAsync("/api/follow-up/messages", new { receipt, text = "Dagen efter." });
        Assert.That(tomorrow.StatusCode, Is.EqualTo(HttpStatusCode.Created), "a new day, new replies");
    }

    [Test]
    public async Task ThePageSaysTooManyInWordsWithRetryAfter()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = Host(folder, clock, perClient: 1, perMinute: 1000);
        using var client = host.CreateClient();
        var page = await client.GetStringAsync("/uppfoljning");

        using var miss = await client.PostAsync("/uppfoljning", CoordinatorAccess.Form(page, new() { ["receipt"] = "2000 0000 0000 0001" }));
        using var blocked = await client.PostAsync("/uppfoljning", CoordinatorAccess.Form(page, new() { ["receipt"] = "2000 0000 0000 0002" }));

        Assert.That(miss.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await miss.Content.ReadAsStringAsync(), Does.Contain("Ingen rapport har den kvittokoden"));
        Assert.That(blocked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(blocked.Headers.RetryAfter, Is.Not.Null);
        Assert.That(await blocked.Content.ReadAsStringAsync(), Does.Contain("För många försök"));
    }
}
