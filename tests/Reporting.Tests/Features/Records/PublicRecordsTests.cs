using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Records;

/// <summary>
/// The public-records duties through the API, on SQLite and PostgreSQL: the secrecy marking suggested
/// from the unit and changed by the coordinator, the register extract (every report once, nothing else,
/// no content) as JSON, CSV read back and PDF, a redacted copy whose text layer holds no redacted span,
/// and the register of disclosures sealed at rest.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSQL")]
[NonParallelizable]
public sealed class PublicRecordsTests(string provider)
{
    private const string Secret = "Zebrafinkens lillebror";
    private TempFolder _folder = null!;
    private ReportingHost _host = null!;
    private HttpClient _signedIn = null!;
    private int _year;

    [OneTimeSetUp]
    public async Task Start()
    {
        _folder = new TempFolder();
        _host = new ReportingHost(_folder.Path, await ReportingHost.SettingsForAsync(provider));
        _signedIn = await CoordinatorAccess.SignInAsync(_host, await CoordinatorAccess.EnrolAsync(_host, "registrator@kommun.example"));
        _year = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).Year;
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _signedIn?.Dispose();
        _host?.Dispose();
        _folder?.Dispose();
    }

    private async Task<(Guid Id, string Reference)> SubmitAsync(string unit, string description = "Klistermärken vid entrén, borttagna.")
    {
        var report = SampleReports.Valid(description);
        report["unit"] = unit;
        report["confirmNoIdentifiers"] = true; // a name the check warns about, as a coordinator might later withhold
        using var response = await _host.SubmitAsync(report);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var item = (await _signedIn.GetFromJsonAsync<JsonElement>("/api/reports?pageSize=1")).GetProperty("items")[0];
        return (item.GetProperty("id").GetGuid(), item.GetProperty("reference").GetString()!);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(_signedIn);
        request.Headers.Add(header, token);
        return await _signedIn.SendAsync(request);
    }

    [Test]
    public async Task TheMarkingIsSuggestedFromTheUnitAndTheCoordinatorChangesIt()
    {
        var (school, _) = await SubmitAsync("grundskola");
        var (elderly, _) = await SubmitAsync("aldreomsorg");
        var (social, _) = await SubmitAsync("socialtjanst-barn-unga");

        Assert.That((await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{school}")).GetProperty("secrecy").GetString(), Is.EqualTo("OSL 23 kap. 2 §"));
        Assert.That((await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{social}")).GetProperty("secrecy").GetString(), Is.EqualTo("OSL 26 kap. 1 §"));
        Assert.That((await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{elderly}")).GetProperty("secrecy").ValueKind, Is.EqualTo(JsonValueKind.Null));

        using (var changed = await SendAsync(HttpMethod.Patch, $"/api/reports/{elderly}", """{"secrecy": "OSL 25 kap. 1 §", "hold": true}"""))
        {
            Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await changed.Content.ReadAsStringAsync());
            var state = await changed.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(state.GetProperty("secrecy").GetString(), Is.EqualTo("OSL 25 kap. 1 §"));
            Assert.That(state.GetProperty("hold").GetBoolean(), Is.True);
        }

        using (var bad = await SendAsync(HttpMethod.Patch, $"/api/reports/{elderly}", """{"secrecy": "hemligt"}"""))
        {
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("secrecy", out _), Is.True);
        }

        using (var cleared = await SendAsync(HttpMethod.Patch, $"/api/reports/{school}", """{"secrecy": null}"""))
        {
            Assert.That((await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secrecy").ValueKind, Is.EqualTo(JsonValueKind.Null));
        }

        var history = (await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{elderly}")).GetProperty("history").EnumerateArray().ToList();
        Assert.That(history.Select(h => h.GetProperty("action").GetString()), Does.Contain("secrecy-marked").And.Contain("retention-hold-changed"));
        Assert.That(history.Select(h => h.GetProperty("detail").GetString() ?? string.Empty), Has.None.Contain("OSL"), "the audit line does not say which provision");
    }

    [Test]
    public async Task TheRegisterListsEveryReportOnceAndNothingElse()
    {
        var (_, first) = await SubmitAsync("grundskola", "Qz7Registertext på gaveln.");
        var (_, second) = await SubmitAsync("stadsmiljo");

        var lines = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/register?year={_year}");
        var references = lines.EnumerateArray().Select(l => l.GetProperty("reference").GetString()).ToList();
        Assert.That(references, Is.Unique);
        Assert.That(references, Does.Contain(first).And.Contain(second));
        var total = (await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports?pageSize=1")).GetProperty("total").GetInt32();
        Assert.That(references, Has.Count.EqualTo(total), "every report once");
        var line = lines.EnumerateArray().Single(l => l.GetProperty("reference").GetString() == first);
        Assert.That(line.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "reference", "receivedOn", "title", "channel", "secrecy" }));
        Assert.That(line.GetProperty("title").GetString(), Is.EqualTo("Rapport om oro eller händelse – våldsbejakande extremism"));
        Assert.That(line.GetProperty("channel").GetString(), Is.EqualTo("form"));
        Assert.That(lines.GetRawText(), Does.Not.Contain("Qz7Registertext"), "no content");

        // The CSV, read back as Excel would: BOM, ";" and the same lines.
        var csv = await _signedIn.GetByteArrayAsync($"/api/register.csv?year={_year}");
        Assert.That(csv.AsSpan(0, 3).ToArray(), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 with a byte order mark");
        using var reader = CsvHelper.CsvReader.Create(csv, CsvHelper.CsvReaderOptions.Default with { Separator = ';' });
        Assert.That(reader.Read(), Is.True);
        var rows = new List<string[]>();
        do
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }
        while (reader.Read());
        Assert.That(reader.Headers, Is.EqualTo(new[] { "reference", "receivedOn", "title", "channel", "secrecy" }));
        Assert.That(rows.Select(r => r[0]), Is.EqualTo(references));
        Assert.That(rows.Single(r => r[0] == first)[4], Is.EqualTo("OSL 23 kap. 2 §"));

        var pdf = await _signedIn.GetByteArrayAsync($"/api/register.pdf?year={_year}");
        using var printed = new PdfReading(pdf);
        Assert.That(printed.AllText, Does.Contain(first).And.Contain("Registerutdrag"));

        using var noYear = await _signedIn.GetAsync("/api/register");
        Assert.That(noYear.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task ARedactedCopyHoldsNoRedactedTextAndSaysWhy()
    {
        const string description = "Eleven Zebrafinkens lillebror satte upp klistermärken vid entrén.";
        var (id, reference) = await SubmitAsync("grundskola", description);
        var start = description.IndexOf(Secret, StringComparison.Ordinal);

        using var response = await SendAsync(HttpMethod.Post, $"/api/reports/{id}/redacted",
            $$"""{"spans": [{"start": {{start}}, "end": {{start + Secret.Length}}, "reason": "OSL 23 kap. 2 §"}]}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
        using var copy = new PdfReading(await response.Content.ReadAsByteArrayAsync());
        Assert.That(copy.AllText, Does.Not.Contain("Zebrafinken"), "the redacted words are not in the text layer");
        Assert.That(copy.Raw, Does.Not.Contain("Zebrafink"), "nor anywhere in the file");
        Assert.That(copy.AllText, Does.Contain("OSL 23 kap. 2 §").And.Contain("satte upp klistermärken").And.Contain(reference));
        Assert.That(copy.AllText, Does.Contain("████████"));
        var stored = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
        Assert.That(stored.GetProperty("report").GetProperty("description").GetString(), Is.EqualTo(description), "the report is not changed");
    }

    [TestCase("""{"spans": [{"start": 5, "end": 3, "reason": "OSL 23 kap. 2 §"}]}""", "spans[0].end")]
    [TestCase("""{"spans": [{"start": 0, "end": 3, "reason": "för att"}]}""", "spans[0].reason")]
    [TestCase("""{"spans": [{"start": 0, "end": 5000, "reason": "OSL 23 kap. 2 §"}]}""", "spans[0]")]
    [TestCase("""{"spans": [{"start": 0, "end": 10, "reason": "OSL 23 kap. 2 §"}, {"start": 5, "end": 12, "reason": "OSL 23 kap. 2 §"}]}""", "spans[1]")]
    [TestCase("""{"spans": [], "messages": [{"number": 7}]}""", "messages[0].number")]
    public async Task BadSpansAreRefusedNamingThem(string json, string field)
    {
        var (id, _) = await SubmitAsync("grundskola");
        using var response = await SendAsync(HttpMethod.Post, $"/api/reports/{id}/redacted", json);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.TryGetProperty(field, out _), Is.True, errors.GetRawText());
    }

    [Test]
    public async Task ADisclosureIsSealedAtRestAndListedWithItsAppealInstructions()
    {
        var (_, reference) = await SubmitAsync("grundskola");
        var requestedOn = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using (var refused = await SendAsync(HttpMethod.Post, "/api/disclosures",
            $$"""{"reference": "{{reference}}", "requestedOn": "{{requestedOn}}", "requester": "Qx9Lokaltidningen", "decision": "refused", "ground": "OSL 23 kap. 2 §"}"""))
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Created), await refused.Content.ReadAsStringAsync());
        }

        using (var released = await SendAsync(HttpMethod.Post, "/api/disclosures",
            $$"""{"reference": "{{reference}}", "requestedOn": "{{requestedOn}}", "requester": "en forskare", "decision": "partly", "ground": "OSL 23 kap. 2 §", "recipient": "Qx9Universitetet"}"""))
        {
            Assert.That(released.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var listed = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/disclosures?year={_year}");
        var mine = listed.EnumerateArray().Where(d => d.GetProperty("reference").GetString() == reference).ToList();
        Assert.That(mine.Select(d => d.GetProperty("decision").GetString()), Is.EquivalentTo(new[] { "refused", "partly" }));
        Assert.That(mine.Select(d => d.GetProperty("requester").GetString()), Does.Contain("Qx9Lokaltidningen"));
        Assert.That(await _host.StoredDataAsync(), Does.Not.Contain("Qx9Lokaltidningen").And.Not.Contain("Qx9Universitetet"), "sealed at rest");

        using var pdf = new PdfReading(await _signedIn.GetByteArrayAsync($"/api/disclosures.pdf?year={_year}"));
        Assert.That(pdf.AllText, Does.Contain("Hur man överklagar").And.Contain("Kammarrätten i Stockholm").And.Contain("tre veckor"));

        using var unknown = await SendAsync(HttpMethod.Post, "/api/disclosures",
            $$"""{"reference": "1999-999", "requestedOn": "{{requestedOn}}", "requester": "anonym", "decision": "released"}""");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reference", out _), Is.True);

        using var noGround = await SendAsync(HttpMethod.Post, "/api/disclosures",
            $$"""{"reference": "{{reference}}", "requestedOn": "{{requestedOn}}", "requester": "anonym", "decision": "refused"}""");
        Assert.That((await noGround.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("ground", out _), Is.True, "a refusal names its ground");

        using var personnummer = await SendAsync(HttpMethod.Post, "/api/disclosures",
            $$"""{"reference": "{{reference}}", "requestedOn": "{{requestedOn}}", "requester": "pnr 811228-9874", "decision": "released"}""");
        Assert.That(personnummer.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "the requester goes through the identifier check");
    }
}
