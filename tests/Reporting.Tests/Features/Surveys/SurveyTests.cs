using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Surveys;

/// <summary>
/// The staff survey through the API on SQLite and PostgreSQL: opened with single-use codes, answered
/// with each, a reused code refused, results that equal the answers, suppression in the shareable
/// variant, nothing at rest or in the logs that ties an answer to its code or to a time, and the
/// results in the year's situation picture. One survey per year, so each test takes its own year.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSQL")]
[NonParallelizable]
public sealed class SurveyTests(string provider)
{
    private const string Comment = "Personalen efterfrågar mer stöd kring klistermärken i trapphusen.";
    private TempFolder _folder = null!;
    private ReportingHost _host = null!;
    private HttpClient _signedIn = null!;
    private DateOnly _today;

    [OneTimeSetUp]
    public async Task Start()
    {
        _folder = new TempFolder();
        _host = new ReportingHost(_folder.Path, await ReportingHost.SettingsForAsync(provider));
        _signedIn = await CoordinatorAccess.SignInAsync(_host, await CoordinatorAccess.EnrolAsync(_host, "enkat@kommun.example"));
        _today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).DateTime);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _signedIn?.Dispose();
        _host?.Dispose();
        _folder?.Dispose();
    }

    private string ClosesOn(int days = 14) => _today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> CoordinatorPostAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(_signedIn);
        request.Headers.Add(header, token);
        return await _signedIn.SendAsync(request);
    }

    private async Task<(string Id, string Url, string[] Codes)> OpenAsync(int year, int? codes)
    {
        using var response = await CoordinatorPostAsync("/api/surveys", new { year, closesOn = ClosesOn(), codes });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("url").GetString()!, [.. body.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)]);
    }

    private static object Answer(string? code, string unit = "grundskola", string whitePower = "once", string[]? observations = null,
        string knows = "yes", string trained = "no", string? comment = null, string? islamist = "never") => new
    {
        code,
        unit,
        observed = new Dictionary<string, string?> { ["white-power"] = whitePower, ["autonomous"] = "never", ["islamist"] = islamist },
        observations = observations ?? ["stickers"],
        knowsWhereToTurn = knows,
        trained,
        comment,
    };

    private async Task<HttpResponseMessage> AnswerAsync(string id, object answer)
    {
        using var anonymous = _host.CreateClient();
        return await anonymous.PostAsJsonAsync($"/api/surveys/{id}/answers", answer);
    }

    private async Task CloseAsync(string id)
    {
        using var closed = await CoordinatorPostAsync($"/api/surveys/{id}/close", new { });
        Assert.That(closed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    private async Task<JsonElement> ResultsAsync(string id, string variant = "internal") =>
        await _signedIn.GetFromJsonAsync<JsonElement>($"/api/surveys/{id}/results?variant={variant}");

    private static async Task<string?> FieldOf(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (problem.TryGetProperty("errors", out var errors))
        {
            return errors.EnumerateObject().First().Name;
        }

        return problem.TryGetProperty("field", out var field) ? field.GetString() : null;
    }

    [Test]
    public async Task EachCodeAnswersOnce_AndTheResultsAreTheAnswers()
    {
        var (id, url, codes) = await OpenAsync(_today.Year, codes: 5);
        Assert.That(codes, Has.Length.EqualTo(5).And.All.Match(@"^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$"));
        Assert.That(codes.Distinct().Count(), Is.EqualTo(5));
        Assert.That(url, Does.EndWith($"/enkat/{_today.Year}"), "a short address, to type from a slip");

        var answers = new[]
        {
            Answer(codes[0], "grundskola", "once", ["stickers", "graffiti"], "yes", "yes", Comment),
            Answer(codes[1].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), "grundskola", "several", ["stickers"], "no", "no"),
            Answer(codes[2], "forskola", "never", [], "unsure", "yes"),
            Answer(codes[3], "grundskola", "often", ["online"], "yes", "no"),
        };
        foreach (var answer in answers)
        {
            using var answered = await AnswerAsync(id, answer);
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await answered.Content.ReadAsStringAsync());
        }

        using var reused = await AnswerAsync(id, Answer(codes[0]));
        Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await FieldOf(reused), Is.EqualTo("code"));

        var open = await ResultsAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(open.GetProperty("responses").GetInt32(), Is.EqualTo(4));
            Assert.That(open.GetProperty("codesIssued").GetInt32(), Is.EqualTo(5));
            Assert.That(open.GetProperty("preliminary").GetBoolean(), Is.True);
            foreach (var name in new[] { "byUnit", "answers", "units", "comments" })
            {
                Assert.That(open.TryGetProperty(name, out _), Is.False, $"while the survey takes answers, no {name}: each new answer would be readable by difference");
            }
        });

        await CloseAsync(id);
        var results = await ResultsAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(results.GetProperty("responses").GetInt32(), Is.EqualTo(4));
            Assert.That(results.GetProperty("codesIssued").GetInt32(), Is.EqualTo(5));
            Assert.That(results.GetProperty("responseRate").GetDouble(), Is.EqualTo(0.8));
            Assert.That(results.GetProperty("preliminary").GetBoolean(), Is.False);
            Assert.That(results.GetProperty("byUnit").GetProperty("grundskola").GetInt32(), Is.EqualTo(3));
            Assert.That(results.GetProperty("byUnit").GetProperty("forskola").GetInt32(), Is.EqualTo(1));
            var whitePower = results.GetProperty("answers").GetProperty("observed").GetProperty("white-power");
            Assert.That(new[] { "never", "once", "several", "often" }.Select(c => whitePower.GetProperty(c).GetInt32()), Is.EqualTo(new[] { 1, 1, 1, 1 }));
            Assert.That(results.GetProperty("answers").GetProperty("observed").GetProperty("islamist").GetProperty("never").GetInt32(), Is.EqualTo(4));
            Assert.That(results.GetProperty("answers").GetProperty("observations").GetProperty("stickers").GetInt32(), Is.EqualTo(2));
            Assert.That(results.GetProperty("answers").GetProperty("observations").GetProperty("violence").GetInt32(), Is.Zero);
            Assert.That(results.GetProperty("answers").GetProperty("knowsWhereToTurn").GetProperty("yes").GetInt32(), Is.EqualTo(2));
            Assert.That(results.GetProperty("answers").GetProperty("trained").GetProperty("yes").GetInt32(), Is.EqualTo(2));
            Assert.That(results.GetProperty("units").GetProperty("grundskola").GetProperty("answers").GetProperty("trained").GetProperty("no").GetInt32(), Is.EqualTo(2));
            Assert.That(results.GetProperty("comments").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { Comment }));
        });
    }

    [Test]
    public async Task TheShareableResultsSuppressSmallCounts_AndUnitsThatWouldRevealSomeone()
    {
        var (id, _, codes) = await OpenAsync(_today.Year - 1, codes: 6);
        string[] units = ["grundskola", "grundskola", "grundskola", "grundskola", "forskola"];
        for (var i = 0; i < units.Length; i++)
        {
            using var answered = await AnswerAsync(id, Answer(codes[i], units[i], whitePower: i == 0 ? "often" : "never", comment: i == 4 ? Comment : null));
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        await CloseAsync(id);
        var shareable = await ResultsAsync(id, "shareable");
        var whitePower = shareable.GetProperty("answers").GetProperty("observed").GetProperty("white-power");
        Assert.Multiple(() =>
        {
            Assert.That(shareable.GetProperty("responses").GetInt32(), Is.EqualTo(5));
            Assert.That(shareable.GetProperty("byUnit").GetProperty("forskola").GetString(), Is.EqualTo("<3"));
            Assert.That(shareable.GetProperty("byUnit").GetProperty("grundskola").GetString(), Is.EqualTo("x"), "with the total shown, 4 would give away the 1");
            Assert.That(shareable.GetProperty("units").GetProperty("forskola").ValueKind, Is.EqualTo(JsonValueKind.Null), "a unit with one answer is not broken down");
            Assert.That(shareable.GetProperty("units").GetProperty("grundskola").ValueKind, Is.EqualTo(JsonValueKind.Null),
                "the whole minus grundskola's breakdown would be the one förskola answer");
            Assert.That(whitePower.GetProperty("often").GetString(), Is.EqualTo("<3"));
            Assert.That(whitePower.GetProperty("never").GetString(), Is.EqualTo("x"));
            Assert.That(whitePower.GetProperty("once").GetInt32(), Is.Zero);
            Assert.That(shareable.TryGetProperty("comments", out _), Is.False, "comments only internally");
            Assert.That(shareable.GetRawText(), Does.Not.Contain("trapphusen"));
        });
    }

    [Test]
    public async Task BadInputIsAProblemNamingTheField_AndNothingPartialIsStored()
    {
        using (var none = await CoordinatorPostAsync("/api/surveys", new { year = _today.Year - 2, closesOn = ClosesOn(), codes = 0 }))
        {
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await FieldOf(none), Is.EqualTo("codes"));
        }

        using (var many = await CoordinatorPostAsync("/api/surveys", new { year = _today.Year - 2, closesOn = ClosesOn(), codes = 2001 }))
        {
            Assert.That(await FieldOf(many), Is.EqualTo("codes"));
        }

        using (var past = await CoordinatorPostAsync("/api/surveys", new { year = _today.Year - 2, closesOn = ClosesOn(-1), codes = 3 }))
        {
            Assert.That(past.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await FieldOf(past), Is.EqualTo("closesOn"));
        }

        using (var future = await CoordinatorPostAsync("/api/surveys", new { year = _today.Year + 1, closesOn = ClosesOn(), codes = 3 }))
        {
            Assert.That(await FieldOf(future), Is.EqualTo("year"));
        }

        var (id, _, codes) = await OpenAsync(_today.Year - 2, codes: 3);
        var (otherId, _, otherCodes) = await OpenAsync(_today.Year - 3, codes: 1);
        using (var twice = await CoordinatorPostAsync("/api/surveys", new { year = _today.Year - 2, closesOn = ClosesOn(), codes = 3 }))
        {
            Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await FieldOf(twice), Is.EqualTo("year"));
        }

        using (var malformed = await AnswerAsync(id, Answer("K7QF-2M9")))
        {
            Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await FieldOf(malformed), Is.EqualTo("code"));
        }

        using (var missingCode = await AnswerAsync(id, Answer(null)))
        {
            Assert.That(missingCode.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await FieldOf(missingCode), Is.EqualTo("code"));
        }

        using (var ofAnother = await AnswerAsync(id, Answer(otherCodes[0])))
        {
            Assert.That(ofAnother.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a code of another survey is unknown here");
        }

        using (var missing = await AnswerAsync(id, Answer(codes[0], islamist: null)))
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await FieldOf(missing), Is.EqualTo("observed.islamist"));
        }

        using (var unknownUnit = await AnswerAsync(id, Answer(codes[0], unit: "rymdstation")))
        {
            Assert.That(await FieldOf(unknownUnit), Is.EqualTo("unit"));
        }

        using (var identifying = await AnswerAsync(id, Answer(codes[0], comment: "Eleven med personnummer 121212-1212 ritar symboler.")))
        {
            Assert.That(identifying.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        }

        using (var unknown = await AnswerAsync(Guid.NewGuid().ToString("N"), Answer(codes[0])))
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        Assert.That((await ResultsAsync(id)).GetProperty("responses").GetInt32(), Is.Zero, "nothing stored from the refused answers");
        using (var stillValid = await AnswerAsync(id, Answer(codes[0])))
        {
            Assert.That(stillValid.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the refused answers did not spend the code");
        }

        using (var closed = await CoordinatorPostAsync($"/api/surveys/{otherId}/close", new { }))
        {
            Assert.That(closed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using (var afterClosing = await AnswerAsync(otherId, Answer(otherCodes[0])))
        {
            Assert.That(afterClosing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a closed survey answers as an unknown one");
        }

        using var stranger = _host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var results = await stranger.GetAsync($"/api/surveys/{id}/results");
        Assert.That(results.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task NothingAtRestOrInTheLogsTiesAnAnswerToItsCodeOrATime()
    {
        var (id, _, codes) = await OpenAsync(_today.Year - 4, codes: 3);
        using (var answered = await AnswerAsync(id, Answer(codes[1], comment: Comment)))
        {
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var columns = _host.IsPostgreSql
            ? await _host.ReadColumnAsync("SELECT column_name FROM information_schema.columns WHERE table_name = 'SurveyAnswers' ORDER BY column_name")
            : await _host.ReadColumnAsync("SELECT name FROM pragma_table_info('SurveyAnswers') ORDER BY name");
        var codeRows = await _host.ReadColumnAsync($"SELECT CAST(COUNT(*) AS TEXT) FROM \"SurveyCodes\"");
        var stored = await _host.StoredDataAsync();
        var audit = string.Join('\n', await _host.ReadColumnAsync("SELECT \"Action\" || ' ' || COALESCE(\"Detail\", '') FROM \"AuditLog\""));
        Assert.Multiple(() =>
        {
            Assert.That(columns, Is.EqualTo(new[] { "Content", "Id", "SurveyId" }), "an answer row has no code, date or time");
            Assert.That(stored, Does.Not.Contain("trapphusen").And.Not.Contain("stickers"), "answers are sealed");
            foreach (var code in codes)
            {
                Assert.That(stored, Does.Not.Contain(code).And.Not.Contain(code.Replace("-", "", StringComparison.Ordinal)), "codes are stored as keyed hashes only");
                Assert.That(_host.Logs.AllText, Does.Not.Contain(code).And.Not.Contain(code.Replace("-", "", StringComparison.Ordinal)));
                Assert.That(audit, Does.Not.Contain(code));
            }

            Assert.That(_host.Logs.AllText, Does.Not.Contain("trapphusen"));
            Assert.That(audit, Does.Contain("survey-opened enkät " + (_today.Year - 4) + ": 3 koder"));
            Assert.That(audit, Does.Not.Contain("trapphusen"));
        });
        Assert.That(int.Parse(codeRows.Single(), CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(2), "the used code's row is gone, the others wait");
    }

    [Test]
    public async Task AClosedSurveyWithFewerAnswersThanTheLimitShowsOnlyTheCount()
    {
        var (id, _, codes) = await OpenAsync(_today.Year - 7, codes: 4);
        for (var i = 0; i < 2; i++)
        {
            using var answered = await AnswerAsync(id, Answer(codes[i], comment: i == 0 ? Comment : null));
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        await CloseAsync(id);
        foreach (var variant in new[] { "internal", "shareable" })
        {
            var results = await ResultsAsync(id, variant);
            Assert.That(results.GetProperty("withheld").GetBoolean(), Is.True, variant);
            Assert.That(results.TryGetProperty("answers", out _) || results.TryGetProperty("comments", out _) || results.TryGetProperty("byUnit", out _), Is.False,
                $"two answers of a closed survey are two unit managers' own words ({variant})");
            Assert.That(results.GetRawText(), Does.Not.Contain("trapphusen"));
        }
    }

    [Test]
    public async Task TheSlipsPdfHoldsOneSlipPerCode_AndAnswersTheSameForUsedAndUnusedCodes()
    {
        var (id, url, codes) = await OpenAsync(_today.Year - 5, codes: 5);
        using var response = await CoordinatorPostAsync($"/api/surveys/{id}/slips", new { codes });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var pdf = new PdfReading(await response.Content.ReadAsByteArrayAsync());
        Assert.Multiple(() =>
        {
            Assert.That(pdf.Pages, Has.Count.EqualTo(1), "eight slips a page");
            foreach (var code in codes)
            {
                Assert.That(pdf.AllText, Does.Contain(code));
            }

            Assert.That(pdf.AllText.Replace("\n", string.Empty, StringComparison.Ordinal), Does.Contain(url));
        });

        using (var answered = await AnswerAsync(id, Answer(codes[0])))
        {
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        // A coordinator who kept the list must not be able to test which slip has been used.
        using var used = await CoordinatorPostAsync($"/api/surveys/{id}/slips", new { codes = new[] { codes[0] } });
        using var unused = await CoordinatorPostAsync($"/api/surveys/{id}/slips", new { codes = new[] { codes[1] } });
        Assert.That(used.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a used code gets its slip");
        Assert.That(unused.StatusCode, Is.EqualTo(used.StatusCode));
        Assert.That(unused.Content.Headers.ContentType?.MediaType, Is.EqualTo(used.Content.Headers.ContentType?.MediaType));
        using var usedPdf = new PdfReading(await used.Content.ReadAsByteArrayAsync());
        using var unusedPdf = new PdfReading(await unused.Content.ReadAsByteArrayAsync());
        Assert.That(usedPdf.AllText.Replace(codes[0], codes[1], StringComparison.Ordinal), Is.EqualTo(unusedPdf.AllText), "the same slip but for the code");

        using var malformed = await CoordinatorPostAsync($"/api/surveys/{id}/slips", new { codes = new[] { codes[0], "ABCD-EFG" } });
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a code that is not a code at all is a typing mistake");
        Assert.That(await FieldOf(malformed), Is.EqualTo("codes[1]"));
        var audit = await _host.ReadColumnAsync("SELECT \"Action\" || ' ' || COALESCE(\"Detail\", '') FROM \"AuditLog\" WHERE \"Action\" = 'survey-exported'");
        Assert.That(audit.Count(line => line.Contains($"enkät {_today.Year - 5}: 1 svarslappar", StringComparison.Ordinal)), Is.EqualTo(2), "every slips PDF is audited with its count");
    }

    [Test]
    public async Task TheYearsSurveyIsASourceOfTheSituationPicture()
    {
        var year = _today.Year - 6;
        var (id, _, _) = await OpenAsync(year, codes: null);
        for (var i = 0; i < 3; i++)
        {
            using var answered = await AnswerAsync(id, Answer(null, comment: i == 0 ? Comment : null));
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.Created), "an open link needs no code");
        }

        var picture = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/situation-pictures/{year}");
        Assert.That(picture.GetProperty("survey").GetProperty("responses").GetInt32(), Is.EqualTo(3));
        Assert.That(picture.GetProperty("survey").GetProperty("preliminary").GetBoolean(), Is.True);
        using (var openDocx = await _signedIn.GetAsync($"/api/situation-pictures/{year}.docx?variant=internal"))
        {
            using var openWord = WordprocessingDocument.Open(new MemoryStream(await openDocx.Content.ReadAsByteArrayAsync()), false);
            var openText = openWord.MainDocumentPart!.Document.Body!.InnerText;
            Assert.That(openText, Does.Contain("Preliminär").And.Contain("Svaren redovisas när enkäten har stängt"));
            Assert.That(openText, Does.Not.Contain(Comment).And.Not.Contain("Hur ofta verksamheterna har sett tecken"), "no answers while the survey is open");
        }

        await CloseAsync(id);

        using var docx = await _signedIn.GetAsync($"/api/situation-pictures/{year}.docx?variant=internal");
        using var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var text = word.MainDocumentPart!.Document.Body!.InnerText;
        using var pdfResponse = await _signedIn.GetAsync($"/api/situation-pictures/{year}.pdf?variant=shareable");
        using var pdf = new PdfReading(await pdfResponse.Content.ReadAsByteArrayAsync());
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain($"Medarbetarenkät {year}").And.Contain("självskattade"));
            Assert.That(text, Does.Contain(Comment), "the internal variant carries the comments");
            Assert.That(pdf.AllText, Does.Contain($"Medarbetarenkät {year}").And.Contain("Hur ofta verksamheterna har sett tecken"));
            Assert.That(pdf.AllText, Does.Not.Contain("trapphusen"), "no comments in the shareable variant");
            Assert.That(pdf.CountOf("Svar"), Is.EqualTo("3"));
        });
    }
}
