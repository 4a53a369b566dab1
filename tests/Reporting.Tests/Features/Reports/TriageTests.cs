using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Reports;

/// <summary>The coordinator's JSON API: reading decrypted reports, filtering the inbox, triage with notes, receipt look-up.</summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSQL")]
public sealed class TriageTests(string provider) : HostFixture(provider)
{
    private EnrolledCoordinator _coordinator = null!;
    private HttpClient _signedIn = null!;

    [OneTimeSetUp]
    public async Task SignIn()
    {
        _coordinator = await CoordinatorAccess.EnrolAsync(Host, "triage@kommun.example");
        _signedIn = await CoordinatorAccess.SignInAsync(Host, _coordinator);
    }

    [OneTimeTearDown]
    public void SignOut() => _signedIn.Dispose();

    private async Task<(Guid Id, string Receipt)> SubmitAsync(Dictionary<string, object?> report)
    {
        using var response = await Client.PostAsJsonAsync("/api/reports", report);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var receipt = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
        var list = await _signedIn.GetFromJsonAsync<JsonElement>("/api/reports?pageSize=1");
        return (list.GetProperty("items")[0].GetProperty("id").GetGuid(), receipt);
    }

    private async Task<HttpResponseMessage> PatchAsync(Guid id, object body, bool withToken = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/reports/{id}") { Content = JsonContent.Create(body) };
        if (withToken)
        {
            var (header, token) = await CoordinatorAccess.AntiforgeryAsync(_signedIn);
            request.Headers.Add(header, token);
        }

        return await _signedIn.SendAsync(request);
    }

    [Test]
    public async Task ReaderSeesEveryFieldDecrypted()
    {
        var sample = SampleReports.Valid("Flygblad från en nazistisk organisation i trapphuset, anmält till fastighetsägaren.");
        sample["reporterContact"] = "Ring mig på jobbet, fråga efter fritidsledaren";
        var (id, _) = await SubmitAsync(sample);

        var report = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");

        var content = report.GetProperty("report");
        Assert.Multiple(() =>
        {
            Assert.That(report.GetProperty("reference").GetString(), Does.Match(@"^\d{4}-\d{3}$"));
            Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("new"));
            Assert.That(content.GetProperty("description").GetString(), Is.EqualTo(sample["description"]));
            Assert.That(content.GetProperty("reporterContact").GetString(), Is.EqualTo(sample["reporterContact"]));
            Assert.That(content.GetProperty("environment").GetString(), Is.EqualTo("white-power"));
            Assert.That(content.GetProperty("observations").EnumerateArray().Select(o => o.GetString()), Is.EquivalentTo(new[] { "stickers", "symbols" }));
            Assert.That(content.GetProperty("occurredOn").GetString(), Is.EqualTo("2026-11-20"));
        });
    }

    [Test]
    public async Task InboxFiltersByEnvironmentKindAndStatusNewestFirst()
    {
        var islamist = SampleReports.With("environment", "islamist");
        islamist["kind"] = "concern";
        var (first, _) = await SubmitAsync(islamist);
        var (second, _) = await SubmitAsync(islamist);
        await SubmitAsync(SampleReports.With("environment", "autonomous"));
        using (var closed = await PatchAsync(first, new { status = "closed" }))
        {
            Assert.That(closed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var byEnvironment = await _signedIn.GetFromJsonAsync<JsonElement>("/api/reports?environment=islamist&kind=concern");
        var stillNew = await _signedIn.GetFromJsonAsync<JsonElement>("/api/reports?environment=islamist&status=new");

        var ids = byEnvironment.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.That(ids.Take(2), Is.EqualTo(new[] { second, first }), "newest first");
        Assert.That(byEnvironment.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("environment").GetString()), Is.All.EqualTo("islamist"));
        Assert.That(stillNew.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Does.Contain(second).And.Not.Contain(first));
    }

    [Test]
    public async Task InboxPagesAndFiltersByPeriod()
    {
        for (var i = 0; i < 3; i++)
        {
            await SubmitAsync(SampleReports.Valid());
        }

        // The service's day is Stockholm's (Organisation:TimeZone), not the test machine's.
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var page = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports?from={today}&to={today}&pageSize=2&page=2");
        var future = await _signedIn.GetFromJsonAsync<JsonElement>("/api/reports?from=2099-01-01");

        Assert.That(page.GetProperty("total").GetInt32(), Is.GreaterThanOrEqualTo(3));
        Assert.That(page.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
        Assert.That(page.GetProperty("page").GetInt32(), Is.EqualTo(2));
        Assert.That(future.GetProperty("total").GetInt32(), Is.Zero);
    }

    [TestCase("status=pending", "status")]
    [TestCase("environment=nazi", "environment")]
    [TestCase("from=27/11/2026", "from")]
    [TestCase("pageSize=100000", "pageSize")]
    [TestCase("page=-1", "page")]
    public async Task BadInboxFilterIsA400NamingTheField(string query, string field)
    {
        using var response = await _signedIn.GetAsync($"/api/reports?{query}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task TriageToClosedWithNotesAndForwarding()
    {
        var (id, _) = await SubmitAsync(SampleReports.Valid());

        using var forwarded = await PatchAsync(id, new { status = "forwarded", forwardedTo = new[] { "police", "sig" }, note = "Ringt polisens kontaktperson, de tar det vidare." });
        using var closed = await PatchAsync(id, new { status = "closed", note = "Avslutad efter samråd i SIG." });
        var report = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");

        Assert.That(forwarded.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(closed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.Multiple(() =>
        {
            Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("closed"));
            Assert.That(report.GetProperty("closedOn").ValueKind, Is.EqualTo(JsonValueKind.String), "closing starts the retention clock");
            Assert.That(report.GetProperty("forwardedTo").EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { "police", "sig" }));
            Assert.That(report.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("text").GetString()),
                Is.EqualTo(new[] { "Ringt polisens kontaktperson, de tar det vidare.", "Avslutad efter samråd i SIG." }));
            Assert.That(report.GetProperty("notes")[0].GetProperty("author").GetString(), Is.EqualTo(_coordinator.Email));
            Assert.That(report.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()),
                Is.SupersetOf(new[] { "status-changed", "forwarded-to-changed", "note-added", "report-read" }));
        });
    }

    [Test]
    public async Task ForwardedNeedsToSayWhere()
    {
        var (id, _) = await SubmitAsync(SampleReports.Valid());

        using var response = await PatchAsync(id, new { status = "forwarded" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty("forwardedTo", out _), Is.True);
        var report = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
        Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("new"), "nothing was written");
    }

    [TestCase("{\"status\":\"done\"}", "status")]
    [TestCase("{\"forwardedTo\":[\"fbi\"]}", "forwardedTo")]
    [TestCase("{\"note\":\"   \"}", "note")]
    [TestCase("{\"status\":\"closed\",\"colour\":\"red\"}", "body")]
    [TestCase("{\"status\":3}", "status")]
    [TestCase("{}", "status")]
    public async Task BadPatchIsA400NamingTheField(string json, string field)
    {
        var (id, _) = await SubmitAsync(SampleReports.Valid());
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(_signedIn);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/reports/{id}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(header, token);

        using var response = await _signedIn.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Has.Some.Contains(field), problem.ToString());
    }

    [Test]
    public async Task PatchWithoutTheAntiforgeryTokenIsRefused()
    {
        var (id, _) = await SubmitAsync(SampleReports.Valid());

        using var response = await PatchAsync(id, new { status = "closed" }, withToken: false);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var report = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
        Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("new"));
    }

    [Test]
    public async Task UnknownReportIs404()
    {
        using var get = await _signedIn.GetAsync($"/api/reports/{Guid.NewGuid()}");
        using var patch = await PatchAsync(Guid.NewGuid(), new { status = "closed" });

        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task NotesAreCiphertextAtRest()
    {
        const string note = "Anteckning som bara får finnas krypterad: Sjöberg ringde tillbaka";
        var (id, _) = await SubmitAsync(SampleReports.Valid());
        using (var response = await PatchAsync(id, new { note }))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var stored = new List<byte[]>();
        await using (var connection = Host.OpenRawConnection())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Content\" FROM \"ReportNotes\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored.Add((byte[])reader[0]);
            }
        }

        Assert.That(stored, Is.Not.Empty);
        Assert.That(stored.Select(s => Encoding.UTF8.GetString(s)), Has.None.Contains("Sjöberg"));
        Assert.That(await Host.StoredDataAsync(), Does.Not.Contain("Sjöberg").And.Not.Contain(SampleReports.Description), "the stored data holds the note and the report in clear");
    }

    [Test]
    public async Task ReceiptCodeFindsTheReport()
    {
        var (id, receipt) = await SubmitAsync(SampleReports.Valid());
        var inbox = await _signedIn.GetStringAsync("/samordnare");

        using var found = await _signedIn.PostAsync("/samordnare?handler=Receipt", CoordinatorAccess.Form(inbox, new() { ["receipt"] = receipt.Replace(" ", "-", StringComparison.Ordinal) }));
        using var missing = await _signedIn.PostAsync("/samordnare?handler=Receipt", CoordinatorAccess.Form(inbox, new() { ["receipt"] = "0000 0000 0000 0000" }));

        Assert.That(found.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(found.Headers.Location!.ToString(), Is.EqualTo($"/samordnare/rapporter/{id}"));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task ReportPageTriagesWithoutScript()
    {
        var (id, _) = await SubmitAsync(SampleReports.Valid());
        var page = await _signedIn.GetStringAsync($"/samordnare/rapporter/{id}");
        Assert.That(page, Does.Contain(SampleReports.Description));

        using var status = await _signedIn.PostAsync($"/samordnare/rapporter/{id}?handler=Status", CoordinatorAccess.Form(page, new() { ["status"] = "in-review" }));
        using var note = await _signedIn.PostAsync($"/samordnare/rapporter/{id}?handler=Note", CoordinatorAccess.Form(page, new() { ["note"] = "Kollar med rektor." }));
        var after = await _signedIn.GetStringAsync($"/samordnare/rapporter/{id}");

        Assert.That(status.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(note.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(after, Does.Contain("Kollar med rektor.").And.Contain("<option value=\"in-review\" selected=\"selected\">"));
    }
}
