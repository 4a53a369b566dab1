using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.FollowUp;

/// <summary>
/// Guessing receipts must not pay: failed look-ups are limited per client and for everyone
/// together, with 429 and Retry-After, and while a limit holds a real receipt is refused too (so the
/// 429 says nothing about the guess). The clock is the service's, so windows pass without sleeping.
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

    [Test]
    public async Task EveryoneTogetherIsStoppedAfterTheMinutesFailedLookUps()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = Host(folder, clock, perClient: 10_000, perMinute: 5);
        using var client = host.CreateClient();
        var receipt = await ReceiptAsync(client);

        // Successful look-ups do not count.
        for (var i = 0; i < 8; i++)
        {
            using var hit = await LookUpAsync(client, receipt);
            Assert.That(hit.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        for (var i = 0; i < 5; i++)
        {
            using var miss = await LookUpAsync(client, $"1000 0000 0000 000{i}");
            Assert.That(miss.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        using var blocked = await client.PostAsJsonAsync("/api/follow-up/messages", new { receipt, text = "Hej" });
        Assert.That(blocked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "replies go through the same look-up");
        Assert.That(blocked.Headers.RetryAfter?.Delta, Is.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));

        clock.Advance(TimeSpan.FromSeconds(61));
        using var later = await LookUpAsync(client, receipt);
        Assert.That(later.StatusCode, Is.EqualTo(HttpStatusCode.OK));
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
