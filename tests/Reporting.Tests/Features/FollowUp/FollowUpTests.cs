using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.FollowUp;

/// <summary>
/// The anonymous two-way channel, through the API on SQLite and PostgreSQL with a real SMTP server:
/// the coordinator asks, the reporter reads with nothing but the receipt and answers, the reply is
/// alerted without content and marked in the inbox; the receipt shows up nowhere but the request body.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSQL")]
[NonParallelizable]
public sealed class FollowUpTests(string provider)
{
    private const string Coordinator = "uppfoljning@kommun.example";
    private TempFolder _folder = null!;
    private TestSmtpServer _smtp = null!;
    private ReportingHost _host = null!;
    private HttpClient _reporter = null!;
    private HttpClient _signedIn = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _smtp = new TestSmtpServer();
        _smtp.Start();
        _folder = new TempFolder();
        _host = new ReportingHost(_folder.Path, await ReportingHost.SettingsForAsync(provider, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Notifications:CoalesceSeconds"] = "0.2",
            // High enough for the fixture's own tests; the limit tests use a host of their own.
            ["FollowUp:FailedLookupsPerClient"] = "1000",
            ["FollowUp:FailedLookupsPerMinute"] = "1000",
        }));
        _reporter = _host.CreateClient();
        _signedIn = await CoordinatorAccess.SignInAsync(_host, await CoordinatorAccess.EnrolAsync(_host, Coordinator));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _signedIn?.Dispose();
        _reporter?.Dispose();
        _host?.Dispose();
        await _smtp.DisposeAsync();
        _folder?.Dispose();
    }

    private async Task<(Guid Id, string Receipt)> SubmitAsync(string description = "Klotter med symboler på gaveln, anmält till fastighetsägaren.")
    {
        using var response = await _reporter.PostAsJsonAsync("/api/reports", SampleReports.Valid(description));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var receipt = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString()!;
        var list = await _signedIn.GetFromJsonAsync<JsonElement>("/api/reports?pageSize=1");
        return (list.GetProperty("items")[0].GetProperty("id").GetGuid(), receipt);
    }

    private async Task<HttpResponseMessage> CoordinatorPostAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(_signedIn);
        request.Headers.Add(header, token);
        return await _signedIn.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PatchAsync(Guid id, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/reports/{id}") { Content = JsonContent.Create(body) };
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(_signedIn);
        request.Headers.Add(header, token);
        return await _signedIn.SendAsync(request);
    }

    private static int RepliesIn(IEnumerable<MimeKit.MimeMessage> messages) =>
        messages.Count(m => (m.Subject ?? string.Empty).Contains("svar på", StringComparison.Ordinal) || (m.Subject ?? string.Empty).StartsWith("Ett svar", StringComparison.Ordinal));

    [Test]
    public async Task ACoordinatorAsksAndTheReporterAnswersWithNothingButTheReceipt()
    {
        var (id, receipt) = await SubmitAsync();
        using (var asked = await CoordinatorPostAsync($"/api/reports/{id}/messages", new { text = "Var det på skolgården eller vid entrén?" }))
        {
            Assert.That(asked.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using var read = await _reporter.PostAsJsonAsync("/api/follow-up", new { receipt });
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(read.Headers.CacheControl?.NoStore, Is.True, "the answer is never cached");
        var view = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(view.GetProperty("status").GetString(), Is.EqualTo("new"));
        Assert.That(view.GetProperty("receivedOn").GetString(), Does.Match(@"^\d{4}-\d{2}-\d{2}$"));
        var question = view.GetProperty("messages")[0];
        Assert.That(question.GetProperty("from").GetString(), Is.EqualTo("coordinator"));
        Assert.That(question.GetProperty("sentOn").GetString(), Does.Match(@"^\d{4}-\d{2}-\d{2}$"), "a date, never a time");
        Assert.That(question.GetProperty("text").GetString(), Is.EqualTo("Var det på skolgården eller vid entrén?"));
        Assert.That(question.TryGetProperty("author", out _), Is.False, "the reporter is not told who the coordinator is");

        var repliesBefore = RepliesIn(_smtp.Accepted);
        using (var answered = await _reporter.PostAsJsonAsync("/api/follow-up/messages", new { receipt, text = "Vid entrén, på morgonen." }))
        {
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var inbox = await _signedIn.GetFromJsonAsync<JsonElement>("/api/reports?pageSize=50");
        var item = inbox.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
        Assert.That(item.GetProperty("unreadReplies").GetInt32(), Is.EqualTo(1), "the inbox marks the unread reply");

        var report = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{id}");
        var messages = report.GetProperty("messages").EnumerateArray().ToList();
        Assert.That(messages.Select(m => m.GetProperty("from").GetString()), Is.EqualTo(new[] { "coordinator", "reporter" }));
        Assert.That(messages[1].GetProperty("text").GetString(), Is.EqualTo("Vid entrén, på morgonen."));
        Assert.That(messages[0].GetProperty("author").GetString(), Is.EqualTo(Coordinator), "the coordinators see who wrote");
        var reread = await _signedIn.GetFromJsonAsync<JsonElement>("/api/reports?pageSize=50");
        Assert.That(reread.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id).GetProperty("unreadReplies").GetInt32(), Is.Zero, "opened: read");

        Assert.That(await Eventually.TrueAsync(() => RepliesIn(_smtp.Accepted) > repliesBefore), Is.True, "the reply raises an alert");
        var alert = _smtp.Accepted.Last(m => RepliesIn([m]) > 0);
        Assert.That(alert.TextBody, Does.Not.Contain("entrén").And.Not.Contain(receipt), "the alert holds no content");

        var digits = receipt.Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.That(_host.Logs.AllText, Does.Not.Contain(receipt).And.Not.Contain(digits), "the receipt reaches no log line");
        var audit = string.Join("\n", await _host.ReadColumnAsync("SELECT \"Action\" || ' ' || COALESCE(\"Detail\", '') FROM \"AuditLog\""));
        Assert.That(audit, Does.Not.Contain(digits).And.Not.Contain(receipt), "nor an audit line");
        Assert.That(audit, Does.Not.Contain("follow-up-read").And.Not.Contain("reply-received"), "the reporter's day reaches the audit log only once it is over");
        var pending = await _host.ReadColumnAsync($"SELECT \"Action\" || '=' || CAST(\"Count\" AS TEXT) FROM \"ReporterActivity\" WHERE CAST(\"ReportId\" AS TEXT) = '{(_host.IsPostgreSql ? id.ToString() : id.ToString().ToUpperInvariant())}' ORDER BY \"Action\"");
        Assert.That(pending, Is.EqualTo(new[] { "follow-up-read=1", "reply-received=1" }), "counted for the day, without a time");
    }

    [Test]
    public async Task EveryUnknownReceiptGetsTheSameAnswerInTheSameTime()
    {
        async Task<(HttpStatusCode Status, string Body, double Milliseconds)> LookUpAsync(string receipt)
        {
            var watch = Stopwatch.StartNew();
            using var response = await _reporter.PostAsJsonAsync("/api/follow-up", new { receipt });
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, body, watch.Elapsed.TotalMilliseconds);
        }

        var first = await LookUpAsync("1111 2222 3333 4444");
        var second = await LookUpAsync("9876 5432 1098 7654");
        using var reply = await _reporter.PostAsJsonAsync("/api/follow-up/messages", new { receipt = "5555 6666 7777 8888", text = "Hej" });

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(second.Body, Is.EqualTo(first.Body), "byte for byte: no trace id, nothing that varies");
        Assert.That(await reply.Content.ReadAsStringAsync(), Is.EqualTo(first.Body), "a reply to an unknown receipt too");

        // Timing: the medians of two sets of unknown receipts agree within a few milliseconds.
        var a = new List<double>();
        var b = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            a.Add((await LookUpAsync($"1000 0000 0000 {i:0000}")).Milliseconds);
            b.Add((await LookUpAsync($"9000 0000 0000 {i:0000}")).Milliseconds);
        }

        a.Sort();
        b.Sort();
        Assert.That(Math.Abs(a[12] - b[12]), Is.LessThan(5), $"medians {a[12]:0.00} ms and {b[12]:0.00} ms");
    }

    [TestCase("12345", "receipt")]
    [TestCase("1234 5678 9012 345x", "receipt")]
    public async Task AMalformedReceiptIsABadRequestNamingTheField(string receipt, string field)
    {
        using var response = await _reporter.PostAsJsonAsync("/api/follow-up", new { receipt });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True);
        Assert.That(problem.GetRawText(), Does.Not.Contain(receipt), "the value is not echoed");
    }

    [Test]
    public async Task RepliesGoThroughTheIdentifierCheck()
    {
        var (_, receipt) = await SubmitAsync();

        using var blocked = await _reporter.PostAsJsonAsync("/api/follow-up/messages", new { receipt, text = "Han heter Kalle och har personnummer 811218-9876.", confirmNoIdentifiers = true });
        using var warned = await _reporter.PostAsJsonAsync("/api/follow-up/messages", new { receipt, text = "Det var Kalle Svensson från klass 8B." });
        using var bidi = await _reporter.PostAsJsonAsync("/api/follow-up/messages", new { receipt, text = "Vid entr\u202Eén" });
        using var empty = await _reporter.PostAsJsonAsync("/api/follow-up/messages", new { receipt, text = "  " });
        using var tooLong = await _reporter.PostAsJsonAsync("/api/follow-up/messages", new { receipt, text = new string('a', 4001) });

        Assert.That(blocked.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "a personnummer cannot be confirmed away");
        Assert.That(warned.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "a name needs confirming");
        Assert.That((await warned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("findings").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(bidi.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var view = await (await _reporter.PostAsJsonAsync("/api/follow-up", new { receipt })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(view.GetProperty("messages").GetArrayLength(), Is.Zero, "nothing was written");
    }

    [Test]
    public async Task AClosedReportShowsItsStatusAndTakesNoReplies()
    {
        var (id, receipt) = await SubmitAsync();
        using (var closed = await PatchAsync(id, new { status = "closed" }))
        {
            Assert.That(closed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var view = await (await _reporter.PostAsJsonAsync("/api/follow-up", new { receipt })).Content.ReadFromJsonAsync<JsonElement>();
        using var reply = await _reporter.PostAsJsonAsync("/api/follow-up/messages", new { receipt, text = "En sak till." });

        Assert.That(view.GetProperty("status").GetString(), Is.EqualTo("closed"));
        Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task MessagesAreCiphertextAtRest()
    {
        var (id, receipt) = await SubmitAsync();
        using (var asked = await CoordinatorPostAsync($"/api/reports/{id}/messages", new { text = "Hemlig fråga om cykelförrådet." }))
        {
            Assert.That(asked.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using (var answered = await _reporter.PostAsJsonAsync("/api/follow-up/messages", new { receipt, text = "Hemligt svar om tvättstugan." }))
        {
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var stored = await _host.StoredDataAsync();
        Assert.That(stored, Does.Not.Contain("cykelförrådet").And.Not.Contain("tvättstugan"));
    }

    [Test]
    public async Task RegisteredReportsGetAReferenceAndNoReceiptAndAreCountedByChannel()
    {
        var body = SampleReports.Valid("Samtal från en rektor: klistermärken vid busshållplatsen.");
        body.Remove("confirmNoIdentifiers");
        body["channel"] = "phone";
        using var registered = await CoordinatorPostAsync("/api/reports/registered", body);
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var created = await registered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(created.GetProperty("reference").GetString(), Does.Match(@"^\d{4}-\d{3}$"));
        Assert.That(created.TryGetProperty("receipt", out _), Is.False);

        var registeredLine = await _host.ReadColumnAsync(
            $"SELECT \"Action\" || '|' || COALESCE(\"Detail\", '') FROM \"AuditLog\" WHERE \"Reference\" = '{created.GetProperty("reference").GetString()}' AND \"Action\" = 'report-registered'");
        Assert.That(registeredLine, Is.EqualTo(new[] { "report-registered|" }), "the audit line, in clear, does not say how the report came");

        var report = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{created.GetProperty("id").GetGuid()}");
        Assert.That(report.GetProperty("channel").GetString(), Is.EqualTo("phone"));
        var phoned = await _signedIn.GetFromJsonAsync<JsonElement>("/api/reports?channel=phone");
        Assert.That(phoned.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Does.Contain(created.GetProperty("id").GetGuid()));

        body["channel"] = "form";
        using var asForm = await CoordinatorPostAsync("/api/reports/registered", body);
        body["channel"] = "pigeon";
        using var unknown = await CoordinatorPostAsync("/api/reports/registered", body);
        body["channel"] = "meeting";
        body["description"] = "Rektorn sa att eleven har personnummer 811218-9876.";
        using var identifying = await CoordinatorPostAsync("/api/reports/registered", body);
        Assert.That(asForm.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("channel", out _), Is.True);
        Assert.That(identifying.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "the same identifier check as the form");
    }
}
