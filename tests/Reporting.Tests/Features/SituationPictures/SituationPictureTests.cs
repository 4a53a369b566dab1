using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.SituationPictures;

/// <summary>
/// The yearly situation picture through the API on SQLite and PostgreSQL: sources and assessments
/// saved sealed, checked for identifiers, versioned against concurrent edits, offered to the next
/// year without values, and exported as a Word document and a PDF read back with their own readers.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSQL")]
[NonParallelizable]
public sealed class SituationPictureTests(string provider)
{
    private const string Description = "Klistermärken med vit makt-symboler vid idrottshallens entré.";
    private const string Assessment = "Vit makt-miljön syns främst genom klistermärken nära skolorna i öster.";
    private const string Caveat = "Visar bara anmälda brott; mörkertalet är stort.";
    private TempFolder _folder = null!;
    private ReportingHost _host = null!;
    private HttpClient _signedIn = null!;
    private int _year;

    [OneTimeSetUp]
    public async Task Start()
    {
        _folder = new TempFolder();
        _host = new ReportingHost(_folder.Path, await ReportingHost.SettingsForAsync(provider));
        _signedIn = await CoordinatorAccess.SignInAsync(_host, await CoordinatorAccess.EnrolAsync(_host, "lagesbild@kommun.example"));
        _year = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).DateTime).Year;
        using var submitted = await _host.SubmitAsync(SampleReports.Valid(Description));
        Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _signedIn?.Dispose();
        _host?.Dispose();
        _folder?.Dispose();
    }

    private async Task<HttpResponseMessage> PutAsync(int year, object body) => await PutAsync(year.ToString(CultureInfo.InvariantCulture), body);

    private async Task<HttpResponseMessage> PutAsync(string year, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/situation-pictures/{year}") { Content = JsonContent.Create(body) };
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(_signedIn);
        request.Headers.Add(header, token);
        return await _signedIn.SendAsync(request);
    }

    private static object Picture(int year, int version, string overall = "Läget är i stort sett oförändrat.", bool confirm = true) => new
    {
        year,
        version,
        sources = new[]
        {
            new
            {
                name = "Polisen, lokalpolisområde Norrmalm",
                kind = "police",
                period = year.ToString(CultureInfo.InvariantCulture),
                figures = new[] { new { label = "Anmälda brott med VBE-koppling", value = (int?)3 }, new { label = "Orosanmälningar", value = (int?)11 } },
                text = (string?)"Polisen ser en viss ökning av propaganda.",
                caveats = Caveat,
            },
            new
            {
                name = "Trafikkontorets klotterstatistik",
                kind = "graffiti",
                period = "januari–oktober",
                figures = new[] { new { label = "Sanerat klotter med extremistiska symboler", value = (int?)27 } },
                text = (string?)null,
                caveats = "Räknar sanerade ytor, inte händelser.",
            },
        },
        assessments = new Dictionary<string, string?>
        {
            ["overall"] = overall,
            ["white-power"] = Assessment,
            ["autonomous"] = "Inga tecken under året.",
            ["islamist"] = null,
            ["other"] = null,
            ["activities"] = "Utbildning för fritidsgårdarnas personal under våren.",
        },
        confirmNoIdentifiers = confirm,
    };

    private async Task<JsonElement> GetAsync(int year) =>
        await _signedIn.GetFromJsonAsync<JsonElement>($"/api/situation-pictures/{year}");

    /// <summary>Saves from whatever version is stored now.</summary>
    private async Task<int> SaveAsync(int year, string overall = "Läget är i stort sett oförändrat.")
    {
        var version = (await GetAsync(year)).GetProperty("version").GetInt32();
        using var saved = await PutAsync(year, Picture(year, version, overall));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
        return (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    [Test]
    public async Task ASavedPictureComesBackWithItsVersion_AndIsCiphertextAtRest()
    {
        var version = await SaveAsync(_year);

        var read = await GetAsync(_year);
        Assert.Multiple(() =>
        {
            Assert.That(read.GetProperty("version").GetInt32(), Is.EqualTo(version));
            Assert.That(read.GetProperty("sources").GetArrayLength(), Is.EqualTo(2));
            Assert.That(read.GetProperty("sources")[0].GetProperty("figures")[1].GetProperty("value").GetInt32(), Is.EqualTo(11));
            Assert.That(read.GetProperty("sources")[0].GetProperty("caveats").GetString(), Is.EqualTo(Caveat));
            Assert.That(read.GetProperty("assessments").GetProperty("white-power").GetString(), Is.EqualTo(Assessment));
            Assert.That(read.GetProperty("assessments").GetProperty("islamist").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
        var stored = await _host.StoredDataAsync();
        Assert.That(stored, Does.Not.Contain("klistermärken nära skolorna").And.Not.Contain("mörkertalet").And.Not.Contain("Norrmalm"));
    }

    [Test]
    public async Task ANewYearIsOfferedLastYearsSourcesWithoutValues()
    {
        var lastYear = _year - 3;
        await SaveAsync(lastYear);

        var offered = await GetAsync(lastYear + 1);

        Assert.Multiple(() =>
        {
            Assert.That(offered.GetProperty("version").GetInt32(), Is.Zero);
            Assert.That(offered.GetProperty("offeredFromYear").GetInt32(), Is.EqualTo(lastYear));
            var police = offered.GetProperty("sources")[0];
            Assert.That(police.GetProperty("name").GetString(), Is.EqualTo("Polisen, lokalpolisområde Norrmalm"));
            Assert.That(police.GetProperty("kind").GetString(), Is.EqualTo("police"));
            Assert.That(police.GetProperty("caveats").GetString(), Is.EqualTo(Caveat));
            Assert.That(police.GetProperty("figures")[0].GetProperty("label").GetString(), Is.EqualTo("Anmälda brott med VBE-koppling"));
            Assert.That(police.GetProperty("figures").EnumerateArray().Select(f => f.GetProperty("value").ValueKind), Has.All.EqualTo(JsonValueKind.Null), "no values");
            Assert.That(police.GetProperty("text").ValueKind, Is.EqualTo(JsonValueKind.Null), "no text");
            Assert.That(offered.GetProperty("assessments").GetProperty("overall").ValueKind, Is.EqualTo(JsonValueKind.Null), "no assessments");
        });
    }

    [Test]
    public async Task ASaveFromAnOlderVersionIs409AndLosesNothing()
    {
        var year = _year - 1;
        var first = await SaveAsync(year, "Den första texten.");

        using var stale = await PutAsync(year, Picture(year, first - 1, "Den andra texten."));

        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("field").GetString(), Is.EqualTo("version"));
        Assert.That((await GetAsync(year)).GetProperty("assessments").GetProperty("overall").GetString(), Is.EqualTo("Den första texten."));
    }

    [Test]
    public async Task TwoCoordinatorsSavingTheSameVersionAtOnce_OneWinsTheOtherGets409()
    {
        var year = _year - 2;
        var version = (await GetAsync(year)).GetProperty("version").GetInt32();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => PutAsync(year, Picture(year, version, $"Text nummer {i}."))));

        Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(3));
        var after = await GetAsync(year);
        Assert.That(after.GetProperty("version").GetInt32(), Is.EqualTo(version + 1));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [TestCase("20x6", "year")]
    [TestCase("2999", "year")]
    public async Task BadYearsAreRefusedNamingTheField(string year, string field)
    {
        using var get = await _signedIn.GetAsync($"/api/situation-pictures/{year}");
        using var put = await PutAsync(year, new { version = 0 });

        foreach (var response in new[] { get, put })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), Is.True, await response.Content.ReadAsStringAsync());
        }
    }

    [Test]
    public async Task BadInputIsAProblemNamingTheField_AndNothingIsSaved()
    {
        var year = _year;
        var before = (await GetAsync(year)).GetProperty("version").GetInt32();
        var cases = new (object Body, string Field)[]
        {
            (new { version = before, sources = new[] { new { name = "Polisen", kind = "police", figures = new[] { new { label = "Brott", value = -1 } } } } }, "sources[0].figures[0].value"),
            (new { version = before, sources = new[] { new { name = "Polisen", kind = "police", figures = new[] { new { label = "Brott", value = 1.5 } } } } }, "sources[0].figures[0].value"),
            (new { version = before, sources = new[] { new { name = "Polisen", kind = "police", figures = new[] { new { label = "Brott", value = "tre" } } } } }, "sources[0].figures[0].value"),
            (new { version = before, sources = new[] { new { name = "Polisen", kind = "tidning" } } }, "sources[0].kind"),
            (new { version = before, sources = new[] { new { name = "", kind = "police" } } }, "sources[0].name"),
            (new { version = before, assessments = new { overall = new string('a', 10_001) } }, "assessments.overall"),
            (new { version = before, assessments = new { islamist = "Siffran \u202E3\u202C gäller" } }, "assessments.islamist"),
            (new { sources = Array.Empty<object>() }, "version"),
            (new { version = before, year = year - 1 }, "year"),
        };

        foreach (var (body, field) in cases)
        {
            using var response = await PutAsync(year, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"{field}: {text}");
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), Is.True, $"{field}: {text}");
        }

        Assert.That((await GetAsync(year)).GetProperty("version").GetInt32(), Is.EqualTo(before), "nothing saved");
    }

    [Test]
    public async Task EveryTextGoesThroughTheIdentifierCheck()
    {
        var year = _year;
        var version = (await GetAsync(year)).GetProperty("version").GetInt32();

        using var blocking = await PutAsync(year, new { version, assessments = new { islamist = "Gäller 19811218-9876 som flyttat.", overall = "Lugnt." }, confirmNoIdentifiers = true });
        using var inCaveats = await PutAsync(year, new { version, sources = new[] { new { name = "IA", kind = "incident-system", caveats = "Ring 070-123 45 67 för frågor." } }, confirmNoIdentifiers = true });
        using var warning = await PutAsync(year, new { version, assessments = new { overall = "Sara Lindqvist på Storgatan 12 berättade om klotter." } });
        using var confirmed = await PutAsync(year, new { version, assessments = new { overall = "Sara Lindqvist på Storgatan 12 berättade om klotter." }, confirmNoIdentifiers = true });

        Assert.That(blocking.StatusCode, Is.EqualTo((HttpStatusCode)422));
        var problem = await blocking.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("field").GetString(), Is.EqualTo("assessments.islamist"));
        Assert.That(problem.GetProperty("findings").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(problem.ToString(), Does.Not.Contain("19811218"), "the problem never quotes the text");
        Assert.That(inCaveats.StatusCode, Is.EqualTo((HttpStatusCode)422));
        Assert.That((await inCaveats.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString(), Is.EqualTo("sources[0].caveats"));
        Assert.That(warning.StatusCode, Is.EqualTo((HttpStatusCode)422), "a warning needs confirming");
        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await confirmed.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task SavesAndExportsAreAudited_WithoutContent()
    {
        var year = _year;
        await SaveAsync(year, "En revisionstext som inte hör hemma i loggen.");
        using (var docx = await _signedIn.GetAsync($"/api/situation-pictures/{year}.docx?variant=shareable"))
        {
            Assert.That(docx.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var audit = await _host.ReadColumnAsync("SELECT \"Action\" || ' ' || \"Detail\" FROM \"AuditLog\" WHERE \"Action\" LIKE 'situation-picture-%'");
        Assert.That(audit, Has.Some.Match($@"^situation-picture-saved {year}: version \d+, 2 källor; ändrat: "));
        Assert.That(audit, Has.Some.EqualTo($"situation-picture-read {year}: läst"), "reading the sealed picture is audited like reading a report");
        Assert.That(audit, Has.Some.Match($@"^situation-picture-exported {year}: docx delbar, version \d+"));
        Assert.That(string.Join("\n", audit), Does.Not.Contain("revisionstext"));
        var history = (await GetAsync(year)).GetProperty("history");
        Assert.That(history.EnumerateArray().Select(h => h.GetProperty("actor").GetString()), Has.Some.EqualTo("lagesbild@kommun.example"));
    }

    [Test]
    public async Task TheWordDocumentHasHeadingsTablesChartsAndEverySource()
    {
        await SaveAsync(_year);
        using var internalResponse = await _signedIn.GetAsync($"/api/situation-pictures/{_year}.docx?variant=internal");
        using var shareableResponse = await _signedIn.GetAsync($"/api/situation-pictures/{_year}.docx?variant=shareable");
        Assert.That(internalResponse.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));

        using var intern = WordprocessingDocument.Open(new MemoryStream(await internalResponse.Content.ReadAsByteArrayAsync()), false);
        using var shareable = WordprocessingDocument.Open(new MemoryStream(await shareableResponse.Content.ReadAsByteArrayAsync()), false);
        var body = intern.MainDocumentPart!.Document.Body!;
        var headings = body.Descendants<Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value?.StartsWith("Heading", StringComparison.Ordinal) == true)
            .Select(p => (Style: p.ParagraphProperties!.ParagraphStyleId!.Val!.Value!, Text: p.InnerText)).ToList();
        var text = body.InnerText;
        var shareableText = shareable.MainDocumentPart!.Document.Body!.InnerText;
        var tables = body.Descendants<Table>().ToList();
        var figures = body.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(new OpenXmlValidator().Validate(intern).Select(e => $"{e.Path?.XPath}: {e.Description}"), Is.Empty, "a valid Word document");
            Assert.That(headings, Does.Contain(("Heading1", "Sammanfattning av bedömningen")));
            Assert.That(headings, Does.Contain(("Heading1", $"Formulärets rapporter {_year}")));
            Assert.That(headings, Does.Contain(("Heading1", "Externa källor")));
            Assert.That(headings, Does.Contain(("Heading2", "Polisen, lokalpolisområde Norrmalm")));
            Assert.That(headings, Does.Contain(("Heading2", "Trafikkontorets klotterstatistik")));
            Assert.That(headings, Does.Contain(("Heading1", "Bedömning per miljö")));
            Assert.That(headings, Does.Contain(("Heading1", "Planerade aktiviteter")));
            Assert.That(headings, Does.Contain(("Heading1", "Om underlaget")));
            Assert.That(tables, Has.Count.GreaterThan(5));
            Assert.That(tables.Select(t => t.Elements<TableRow>().First().TableRowProperties?.GetFirstChild<TableHeader>()), Has.All.Not.Null, "every table repeats its header row");
            Assert.That(text, Does.Contain("Anmälda brott med VBE-koppling").And.Contain("Sanerat klotter med extremistiska symboler").And.Contain("27"));
            Assert.That(text, Does.Contain(Caveat).And.Contain("Räknar sanerade ytor, inte händelser."));
            Assert.That(text, Does.Contain(Assessment), "the assessments are in the internal variant");
            Assert.That(figures, Has.Count.EqualTo(2));
            Assert.That(figures.Select(f => f.Description?.Value), Has.All.Contain("diagram"), "the charts have alternative text");
            Assert.That(intern.MainDocumentPart.ImageParts.Count(), Is.EqualTo(2));
            Assert.That(intern.MainDocumentPart.StyleDefinitionsPart!.Styles!.OuterXml, Does.Contain("w:val=\"sv-SE\""), "Swedish language tags");
            Assert.That(text, Does.Not.Contain(Description), "no report text, even internally");
            Assert.That(shareableText, Does.Not.Contain(Description).And.Not.Match(@"\b20\d\d-\d{3}\b"));
            Assert.That(shareableText, Does.Contain("<3"), "one report: suppressed");
            Assert.That(shareableText, Does.Contain("Delbar"));
        });
    }

    [Test]
    public async Task ThePdfIsTaggedAndHoldsTheSameContent()
    {
        await SaveAsync(_year);
        using var response = await _signedIn.GetAsync($"/api/situation-pictures/{_year}.pdf?variant=shareable");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var pdf = new PdfReading(await response.Content.ReadAsByteArrayAsync());

        Assert.Multiple(() =>
        {
            Assert.That(pdf.Pages[0], Does.Contain($"Lokal lägesbild {_year}").And.Contain("Version: Delbar"));
            Assert.That(pdf.AllText, Does.Contain("Polisen, lokalpolisområde Norrmalm").And.Contain("mörkertalet är stort"));
            Assert.That(pdf.AllText, Does.Contain("klistermärken nära skolorna"));
            Assert.That(pdf.AllText, Does.Not.Contain("idrottshallens entré"), "no report text");
            Assert.That(pdf.AllText, Does.Contain("<3"));
            Assert.That(pdf.Raw, Does.Contain("/StructTreeRoot"));
            Assert.That(pdf.Raw, Does.Contain("/S/Figure").Or.Contain("/S /Figure"));
            Assert.That(pdf.Raw, Does.Match(@"/Lang\s*\(sv-SE\)"));
        });
    }

    [Test]
    public async Task AnUnpublishedSourcesSmallFiguresAreSuppressedInTheShareableVariant()
    {
        var year = _year - 5;
        object Source(string name, bool published) => new
        {
            name,
            kind = "incident-system",
            period = "helår",
            figures = new[] { new { label = "Hot mot personal", value = (int?)2 }, new { label = "Skadegörelse", value = (int?)14 } },
            text = (string?)null,
            caveats = "Räknar rapporterade händelser.",
            published,
        };
        var body = new
        {
            year,
            version = 0,
            sources = new[] { Source("IA-systemet, egna händelser", published: false), Source("Polisens öppna statistik", published: true) },
            assessments = new Dictionary<string, string?> { ["overall"] = "Oförändrat." },
            confirmNoIdentifiers = true,
        };
        using (var saved = await PutAsync(year, body))
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
        }

        var read = await GetAsync(year);
        Assert.That(read.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("published").GetBoolean()), Is.EqualTo(new[] { false, true }));
        using var shareable = await _signedIn.GetAsync($"/api/situation-pictures/{year}.pdf?variant=shareable");
        using var pdf = new PdfReading(await shareable.Content.ReadAsByteArrayAsync());
        using var internalResponse = await _signedIn.GetAsync($"/api/situation-pictures/{year}.pdf?variant=internal");
        using var internalPdf = new PdfReading(await internalResponse.Content.ReadAsByteArrayAsync());
        var unpublished = Section(pdf.AllText, "IA-systemet, egna händelser");
        var published = Section(pdf.AllText, "Polisens öppna statistik");
        Assert.Multiple(() =>
        {
            Assert.That(unpublished, Does.Match(@"Hot mot personal\s*<3"), "2 from an unpublished source is a small count");
            Assert.That(unpublished, Does.Match(@"Skadegörelse\s*14"));
            Assert.That(published, Does.Match(@"Hot mot personal\s*2"), "a source's own published figure is printed as it is");
            Assert.That(Section(internalPdf.AllText, "IA-systemet, egna händelser"), Does.Match(@"Hot mot personal\s*2"), "the internal variant prints every figure");
        });
    }

    /// <summary>The text from a source's heading to the next source's (or 600 characters on).</summary>
    private static string Section(string text, string heading)
    {
        var start = text.IndexOf(heading, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), heading);
        return text.Substring(start, Math.Min(600, text.Length - start));
    }

    [Test]
    public async Task StrangersGetNothing()
    {
        using var stranger = _host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { $"/api/situation-pictures/{_year}", $"/api/situation-pictures/{_year}.docx", $"/api/situation-pictures/{_year}.pdf" })
        {
            using var response = await stranger.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), path);
        }
    }
}
