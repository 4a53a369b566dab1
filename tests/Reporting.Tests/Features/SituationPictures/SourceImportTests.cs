using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using Reporting.Features.SituationPictures;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.SituationPictures;

/// <summary>
/// A source's figures read from the files statisticians send (Swedish Excel CSV in Windows-1252,
/// comma CSV in UTF-8, XLSX), reviewed before anything is saved, refused naming the row and column,
/// the mapping remembered with the saved source and offered next year, and the lägesbild's trend of
/// a source over the years.
/// </summary>
[NonParallelizable]
public sealed class SourceImportTests
{
    private TempFolder _folder = null!;
    private ReportingHost _host = null!;
    private HttpClient _signedIn = null!;
    private int _year;

    static SourceImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [OneTimeSetUp]
    public async Task Start()
    {
        _folder = new TempFolder();
        _host = new ReportingHost(_folder.Path, await ReportingHost.SettingsForAsync("Sqlite"));
        _signedIn = await CoordinatorAccess.SignInAsync(_host, await CoordinatorAccess.EnrolAsync(_host, "import@kommun.example"));
        _year = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).DateTime).Year;
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _signedIn?.Dispose();
        _host?.Dispose();
        _folder?.Dispose();
    }

    [Test]
    public async Task ASwedishExcelCsvInWindows1252IsReadWithItsThousandsAndDecimals_AndNothingIsSaved()
    {
        var csv = Encoding.GetEncoding(1252).GetBytes(
            "sep=;\r\nBrottstyp;Antal;Kommentar\r\nOlaga hot mot tjänsteman;1 234;ökning\r\nSkadegörelse, klotter;12,0;\r\n;;\r\nHets mot folkgrupp;3;\r\n");
        var before = await PicturesAsync();

        using var response = await ImportAsync(csv, "brott.csv", kind: "police", name: "Polisen, lokalpolisområde Öster");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        var after = await PicturesAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(Figures(body), Is.EqualTo(new[] { ("Olaga hot mot tjänsteman", (int?)1234), ("Skadegörelse, klotter", 12), ("Hets mot folkgrupp", 3) }));
            Assert.That(body.GetProperty("mapping").GetProperty("label").GetString(), Is.EqualTo("Brottstyp"));
            Assert.That(body.GetProperty("mapping").GetProperty("value").GetString(), Is.EqualTo("Antal"));
            Assert.That(body.GetProperty("mappingFrom").GetString(), Is.EqualTo("guessed"));
            Assert.That(body.GetProperty("columns").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "Brottstyp", "Antal", "Kommentar" }));
            Assert.That(after, Is.EqualTo(before), "reading a file saves nothing");
        });
    }

    [Test]
    public async Task ACommaCsvInUtf8IsReadFromTheColumnsNamed()
    {
        var csv = Encoding.UTF8.GetBytes("\uFEFFKategori,Antal 2025,Antal 2026\nSanerat klotter med symboler,17,27\nKlistermärken,\"4\",9\n");

        using var byName = await ImportAsync(csv, "klotter.csv", kind: "graffiti", mapping: """{"label": "kategori", "value": "Antal 2026"}""");
        using var byLetter = await ImportAsync(csv, "klotter.csv", kind: "graffiti", mapping: """{"label": "A", "value": "B"}""");

        Assert.That(byName.StatusCode, Is.EqualTo(HttpStatusCode.OK), await byName.Content.ReadAsStringAsync());
        Assert.That(Figures(await byName.Content.ReadFromJsonAsync<JsonElement>()), Is.EqualTo(new[] { ("Sanerat klotter med symboler", (int?)27), ("Klistermärken", 9) }));
        Assert.That(Figures(await byLetter.Content.ReadFromJsonAsync<JsonElement>()), Is.EqualTo(new[] { ("Sanerat klotter med symboler", (int?)17), ("Klistermärken", 4) }));
    }

    [Test]
    public async Task AnXlsxIsReadWithItsNumbersAsNumbers()
    {
        using var workbook = new MemoryStream();
        await workbook.SaveAsAsync(new[]
        {
            new Dictionary<string, object> { ["Händelse"] = "Hot mot personal", ["Antal"] = 5 },
            new Dictionary<string, object> { ["Händelse"] = "Propaganda i skolan", ["Antal"] = 11d },
        });

        using var response = await ImportAsync(workbook.ToArray(), "ia.xlsx", kind: "incident-system");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(Figures(body), Is.EqualTo(new[] { ("Hot mot personal", (int?)5), ("Propaganda i skolan", 11) }));
    }

    [Test]
    public async Task ABadFileIsRefusedNamingTheRowAndColumn_WithoutQuotingIt()
    {
        var before = await PicturesAsync();
        var notWhole = Encoding.UTF8.GetBytes("Brottstyp;Antal\nOlaga hot;3\nSkadegörelse;tretton\n");
        var fraction = Encoding.UTF8.GetBytes("Brottstyp;Antal\nOlaga hot;3\nSkadegörelse;2,5\n");
        var noLabel = Encoding.UTF8.GetBytes("Brottstyp;Antal\nOlaga hot;3\n;4\n");

        using var word = await ImportAsync(notWhole, "a.csv", mapping: """{"label": "Brottstyp", "value": "Antal"}""");
        using var half = await ImportAsync(fraction, "b.csv", mapping: """{"label": "Brottstyp", "value": "Antal"}""");
        using var unlabelled = await ImportAsync(noLabel, "c.csv", mapping: """{"label": "Brottstyp", "value": "Antal"}""");
        using var missingColumn = await ImportAsync(fraction, "d.csv", mapping: """{"label": "Brottstyp", "value": "Summa"}""");
        using var oldExcel = await ImportAsync([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0], "e.xls");
        using var picture = await ImportAsync(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), "f.csv");
        using var badMapping = await ImportAsync(notWhole, "g.csv", mapping: "inte json");

        var wordText = await word.Content.ReadAsStringAsync();
        var (wordProblem, halfProblem, unlabelledProblem) = (await Problem(word), await Problem(half), await Problem(unlabelled));
        var (missingProblem, oldProblem, pictureProblem, mappingProblem) = (await Problem(missingColumn), await Problem(oldExcel), await Problem(picture), await Problem(badMapping));
        var after = await PicturesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(wordProblem, Is.EqualTo(("file", "Rad 3, kolumn Antal: inte ett heltal, noll eller större.")));
            Assert.That(halfProblem, Is.EqualTo(("file", "Rad 3, kolumn Antal: inte ett heltal, noll eller större.")));
            Assert.That(unlabelledProblem, Is.EqualTo(("file", "Rad 3, kolumn Brottstyp: rubriken saknas.")));
            Assert.That(missingProblem.Field, Is.EqualTo("mapping.value"));
            Assert.That(missingProblem.Message, Does.Contain("Brottstyp, Antal"), "the columns to choose from");
            Assert.That(oldProblem.Message, Does.Contain("xlsx"));
            Assert.That(pictureProblem.Field, Is.EqualTo("file"));
            Assert.That(mappingProblem.Field, Is.EqualTo("mapping"));
            Assert.That(wordText, Does.Not.Contain("tretton"), "the file is never quoted");
            Assert.That(after, Is.EqualTo(before), "nothing saved");
        });
    }

    [Test]
    public async Task TheMappingIsSavedWithTheSourceAndRememberedNextYear_AndTheLagesbildShowsTheTrend()
    {
        const string name = "Trafikkontorets klotterstatistik";
        var file = Encoding.UTF8.GetBytes("Månad;Typ;Ytor\njan;Hakkors;4\nfeb;Vit makt-klistermärken;6\n");
        using var first = await ImportAsync(file, "klotter.csv", kind: "graffiti", name: name, mapping: """{"label": "Typ", "value": "Ytor"}""", year: _year - 2);
        var read = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), read.ToString());
        await SaveAsync(_year - 2, name, read.GetProperty("figures"), read.GetProperty("mapping"));
        await SaveAsync(_year - 1, name, JsonSerializer.SerializeToElement(new[] { new { label = "Hakkors", value = 7 } }), null);

        // This year: no mapping given; the saved one is used though the file's columns moved.
        var thisYear = Encoding.UTF8.GetBytes("Ytor;Typ;Månad\n9;Hakkors;jan\n2;Vit makt-klistermärken;mar\n");
        using var second = await ImportAsync(thisYear, "klotter-2.csv", kind: "graffiti", name: name);
        var remembered = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), remembered.ToString());
        Assert.That(remembered.GetProperty("mappingFrom").GetString(), Is.EqualTo("remembered"));
        Assert.That(Figures(remembered), Is.EqualTo(new[] { ("Hakkors", (int?)9), ("Vit makt-klistermärken", 2) }));
        var offered = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/situation-pictures/{_year - 1}");
        Assert.That(offered.GetProperty("sources")[0].TryGetProperty("mapping", out _), Is.True, "the saved source carries its mapping");

        await SaveAsync(_year, name, remembered.GetProperty("figures"), remembered.GetProperty("mapping"));
        using var pdfResponse = await _signedIn.GetAsync($"/api/situation-pictures/{_year}.pdf?variant=internal");
        using var pdf = new PdfReading(await pdfResponse.Content.ReadAsByteArrayAsync());

        Assert.That(pdf.AllText, Does.Contain($"Utveckling {_year - 2}–{_year}"));
        Assert.That(pdf.AllText, Does.Contain("Hakkors 4 7 9"), pdf.AllText);
        var audit = await _host.ReadColumnAsync("SELECT \"Detail\" FROM \"AuditLog\" WHERE \"Action\" = 'situation-picture-exported'");
        Assert.That(audit, Has.Some.EndsWith($"utveckling ur {_year - 2}, {_year - 1}"), "the earlier pictures opened for the trend are named in the export's audit line");
    }

    [Test]
    public async Task AnyFileGetsItsFiguresOrA400_NeverA5xx()
    {
        using var workbook = new MemoryStream();
        await workbook.SaveAsAsync(new[] { new Dictionary<string, object> { ["Typ"] = "Hakkors", ["Antal"] = 3 } });
        var xlsx = workbook.ToArray();
        var random = new Random(20261207);
        var alphabet = "ab;,\"\r\n 0123456789åäö\t=sep\u00A0".ToCharArray();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            byte[] file = (i % 3) switch
            {
                0 => Encoding.UTF8.GetBytes(new string([.. Enumerable.Range(0, random.Next(1, 400)).Select(_ => alphabet[random.Next(alphabet.Length)])])),
                1 => [.. Enumerable.Range(0, random.Next(1, 400)).Select(_ => (byte)random.Next(256))],
                _ => Corrupted(xlsx, random),
            };
            using var response = await ImportAsync(file, "fil", mapping: random.Next(2) == 0 ? null : """{"label": "A", "value": "B"}""");
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Has.All.Matches<HttpStatusCode>(s => s is HttpStatusCode.OK or HttpStatusCode.BadRequest), string.Join(", ", statuses.Distinct()));
    }

    /// <summary>An XLSX cut short or with bytes changed: what a broken download or a wrong save makes.</summary>
    private static byte[] Corrupted(byte[] xlsx, Random random)
    {
        var copy = xlsx[..random.Next(4, xlsx.Length)];
        for (var i = 0; i < 5; i++)
        {
            copy[random.Next(4, copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }

    private async Task<HttpResponseMessage> ImportAsync(byte[] file, string fileName, string kind = "police", string? name = null, string? mapping = null, int? year = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", fileName }, { new StringContent(kind), "kind" } };
        if (name is not null)
        {
            form.Add(new StringContent(name), "name");
        }

        if (mapping is not null)
        {
            form.Add(new StringContent(mapping), "mapping");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/situation-pictures/{year ?? _year}/sources/import") { Content = form };
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(_signedIn);
        request.Headers.Add(header, token);
        return await _signedIn.SendAsync(request);
    }

    private async Task SaveAsync(int year, string name, JsonElement figures, JsonElement? mapping)
    {
        var current = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/situation-pictures/{year}");
        var body = new
        {
            year,
            version = current.GetProperty("version").GetInt32(),
            sources = new[] { new { name, kind = "graffiti", period = year.ToString(CultureInfo.InvariantCulture), figures, caveats = "Räknar sanerade ytor, inte händelser.", mapping } },
            confirmNoIdentifiers = true,
        };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/situation-pictures/{year}") { Content = JsonContent.Create(body) };
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(_signedIn);
        request.Headers.Add(header, token);
        using var response = await _signedIn.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<(string, int?)> Figures(JsonElement body) =>
        body.GetProperty("figures").EnumerateArray()
            .Select(f => (f.GetProperty("label").GetString()!, f.GetProperty("value").ValueKind == JsonValueKind.Null ? (int?)null : f.GetProperty("value").GetInt32()));

    private static async Task<(string Field, string Message)> Problem(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var first = errors.EnumerateObject().First();
        return (first.Name, first.Value[0].GetString()!);
    }

    private async Task<string> PicturesAsync() =>
        string.Join(",", await _host.ReadColumnAsync("SELECT \"Year\" || ':' || \"Version\" FROM \"SituationPictures\" ORDER BY \"Year\""));
}

/// <summary>Whole numbers as Swedish files write them.</summary>
public sealed class WholeNumberTests
{
    [TestCase("12", 12)]
    [TestCase("1 234", 1234)]
    [TestCase("1\u00A0234", 1234)]
    [TestCase("1\u202F234 567", 1234567)]
    [TestCase("12,0", 12)]
    [TestCase("12.00", 12)]
    [TestCase("0", 0)]
    [TestCase("2,5", null)]
    [TestCase("-3", null)]
    [TestCase("tre", null)]
    [TestCase("12 34", null)]
    [TestCase("", null)]
    public void TextCells(string text, int? expected) =>
        Assert.That(ImportSourceFiguresHandler.Whole(new SourceCell(text, Numeric: false)), Is.EqualTo(expected));

    [TestCase("11", 11)]
    [TestCase("11.5", null)]
    [TestCase("-1", null)]
    [TestCase("1E+20", null)]
    public void SpreadsheetNumbers(string text, int? expected) =>
        Assert.That(ImportSourceFiguresHandler.Whole(new SourceCell(text, Numeric: true)), Is.EqualTo(expected));
}
