using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Summaries;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Reports;

/// <summary>
/// The coordinator's case work through <c>PATCH /api/reports/{id}</c>: the assessed environment
/// (the reporter's choice stays) and links between reports of one event, as the quarter counts them
/// (JSON and PDF), and every bad value answered with a problem naming the field and nothing written.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CaseWorkTests : HostFixture
{
    private HttpClient _signedIn = null!;

    [OneTimeSetUp]
    public async Task SignIn() =>
        _signedIn = await CoordinatorAccess.SignInAsync(Host, await CoordinatorAccess.EnrolAsync(Host, "handlaggning@kommun.example"));

    [OneTimeTearDown]
    public void SignOut() => _signedIn.Dispose();

    private static Quarter ThisQuarter =>
        Quarter.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).DateTime));

    private async Task<(Guid Id, string Reference)> SubmitAsync(string environment)
    {
        using var response = await Client.PostAsJsonAsync("/api/reports", SampleReports.With("environment", environment));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var item = (await _signedIn.GetFromJsonAsync<JsonElement>("/api/reports?pageSize=1")).GetProperty("items")[0];
        return (item.GetProperty("id").GetGuid(), item.GetProperty("reference").GetString()!);
    }

    private async Task<HttpResponseMessage> PatchAsync(Guid id, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/reports/{id}") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(_signedIn);
        request.Headers.Add(header, token);
        return await _signedIn.SendAsync(request);
    }

    private async Task<QuarterSummary> SummaryAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new BuildQuarterSummaryQuery("test", ThisQuarter));
    }

    [Test]
    public async Task AReassessmentIsCountedAndTheReportersChoiceStays()
    {
        var before = await SummaryAsync();
        var (id, _) = await SubmitAsync("unknown");

        using (var response = await PatchAsync(id, """{"assessedEnvironment": "autonomous"}"""))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assessedEnvironment").GetString(), Is.EqualTo("autonomous"));
        }

        var after = await SummaryAsync();
        var report = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
        Assert.That(report.GetProperty("report").GetProperty("environment").GetString(), Is.EqualTo("unknown"), "the reporter's choice stays stored");
        Assert.That(report.GetProperty("assessedEnvironment").GetString(), Is.EqualTo("autonomous"));
        Assert.That(after.ByEnvironment["autonomous"], Is.EqualTo(before.ByEnvironment["autonomous"] + 1), "the assessment is what is counted");
        Assert.That(after.ByEnvironment["unknown"], Is.EqualTo(before.ByEnvironment["unknown"]));
        Assert.That(after.Reassessed, Is.EqualTo(before.Reassessed + 1));

        using (var cleared = await PatchAsync(id, """{"assessedEnvironment": null}"""))
        {
            Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That((await SummaryAsync()).ByEnvironment["unknown"], Is.EqualTo(before.ByEnvironment["unknown"] + 1), "null clears the assessment");
        var history = (await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{id}")).GetProperty("history").GetRawText();
        Assert.That(history, Does.Contain("environment-assessed"));
        Assert.That(history, Does.Not.Contain("autonomous").And.Not.Contain("autonoma"), "the audit line does not name the category");
    }

    [Test]
    public async Task LinkedReportsCountAsOneEventAndCyclesAreRefused()
    {
        var before = await SummaryAsync();
        var (first, firstReference) = await SubmitAsync("white-power");
        var (second, secondReference) = await SubmitAsync("white-power");
        var (third, _) = await SubmitAsync("white-power");

        using (var linked = await PatchAsync(second, $$"""{"linkedTo": "{{firstReference}}"}"""))
        {
            Assert.That(linked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var chained = await PatchAsync(third, $$"""{"linkedTo": "{{secondReference}}"}"""))
        {
            Assert.That(chained.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var summary = await SummaryAsync();
        Assert.That(summary.Total - before.Total, Is.EqualTo(3));
        Assert.That(summary.Events - before.Events, Is.EqualTo(1), "three reports, one event");
        var group = (await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{first}")).GetProperty("sameEvent").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.That(group, Has.Count.EqualTo(2), "the group is shown on each report");

        using var cycle = await PatchAsync(first, $$"""{"linkedTo": "{{secondReference}}"}""");
        using var self = await PatchAsync(first, $$"""{"linkedTo": "{{firstReference}}"}""");
        using var missing = await PatchAsync(first, """{"linkedTo": "1999-999"}""");
        using var malformed = await PatchAsync(first, """{"linkedTo": "forra veckan"}""");
        Assert.That(cycle.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await cycle.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString(), Is.EqualTo("linkedTo"));
        foreach (var refused in new[] { self, missing, malformed })
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("linkedTo", out _), Is.True);
        }

        Assert.That((await SummaryAsync()).Events, Is.EqualTo(summary.Events), "nothing was written");

        using (var unlinked = await PatchAsync(third, """{"linkedTo": null}"""))
        {
            Assert.That(unlinked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That((await SummaryAsync()).Events - before.Events, Is.EqualTo(2), "unlinked: its own event again");
    }

    [TestCase("""{"assessedEnvironment": "nazist"}""", "assessedEnvironment")]
    [TestCase("""{"assessedEnvironment": 3}""", "assessedEnvironment")]
    [TestCase("""{"linkedTo": true}""", "linkedTo")]
    public async Task AnAssessmentOutsideItsCodesIsRefused(string body, string field)
    {
        var (id, _) = await SubmitAsync("other");

        using var response = await PatchAsync(id, body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), Is.True);
        Assert.That((await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{id}")).GetProperty("assessedEnvironment").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task TheQuarterlyPdfSaysHowManyEventsAndReassessmentsAndChannels()
    {
        await SubmitAsync("islamist");

        var pdf = await _signedIn.GetByteArrayAsync($"/api/summaries/{ThisQuarter}.pdf?variant=internal");

        using var reading = new PdfReading(pdf);
        var text = reading.AllText;
        Assert.That(text, Does.Contain("Händelser").And.Contain("Rapporter där").And.Contain("Hur rapporterna kom in").And.Contain("Formuläret"));
    }
}
