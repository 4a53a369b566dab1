using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Reports;
using Reporting.Features.SituationPictures;
using Reporting.Features.Summaries;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Symbols;

/// <summary>
/// Symbols as data: the catalogue at <c>GET /api/symbols</c> (built in, or configured in its place), a
/// report's <c>symbols</c> (unknown codes refused, naming the entry), and <c>bySymbol</c> in the
/// quarterly and yearly JSON and a table in the quarterly, yearly and lägesbild documents, with the
/// shareable variants' small counts as "&lt;3".
/// </summary>
[TestFixture]
public sealed class SymbolsTests
{
    private static readonly Quarter Counted = new(2025, 2);
    private TempFolder _folder = null!;
    private FakeTimeProvider _clock = null!;
    private ReportingHost _host = null!;

    [OneTimeSetUp]
    public async Task Seed()
    {
        _folder = new TempFolder();
        _clock = new FakeTimeProvider(new DateTimeOffset(2025, 5, 12, 9, 0, 0, TimeSpan.Zero));
        _host = new ReportingHost(_folder.Path, clock: _clock);
        await SubmitAsync("tyr-rune");
        await SubmitAsync("tyr-rune", "odal-rune");
        await SubmitAsync("tyr-rune");
        await SubmitAsync("is-flag");
        await SubmitAsync();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _host?.Dispose();
        _folder?.Dispose();
    }

    private async Task SubmitAsync(params string[] symbols)
    {
        var report = SampleReports.Valid("Klistermärken på busshållplatsen vid skolan.", occurredOn: "2025-05-10");
        report["observations"] = new[] { "stickers" };
        report["symbols"] = symbols;
        using var response = await _host.SubmitAsync(report);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    private async Task<T> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    private async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    [Test]
    public async Task TheCatalogueIsListedForAnyone()
    {
        using var client = _host.CreateClient();
        var symbols = await client.GetFromJsonAsync<JsonElement>("/api/symbols");

        var tyr = symbols.EnumerateArray().Single(s => s.GetProperty("code").GetString() == "tyr-rune");
        Assert.That(tyr.GetProperty("name").GetString(), Does.StartWith("Tyrrunan"));
        Assert.That(tyr.GetProperty("environment").GetString(), Is.EqualTo("white-power"));
        var environments = symbols.EnumerateArray().Select(s => s.GetProperty("environment").GetString()).Distinct().ToList();
        Assert.That(environments, Is.SupersetOf(new[] { "white-power", "autonomous", "islamist" }), "the three environments");
    }

    [TestCase("""["hakkorset"]""", "symbols[0]")]
    [TestCase("""["tyr-rune", "TYR-RUNE"]""", "symbols[1]")]
    [TestCase("""[null]""", "symbols[0]")]
    [TestCase("""["tyr-rune","odal-rune","black-sun","wolfsangel","swastika","totenkopf","valknut","number-88","number-14","celtic-cross","nmr-logo"]""", "symbols")]
    public async Task AnUnknownSymbolOrTooManyAreRefusedNamingTheEntry(string symbols, string field)
    {
        var reports = await SendAsync(new BuildQuarterSummaryQuery("test", Counted));
        var report = SampleReports.Valid(occurredOn: "2025-05-10");
        report["symbols"] = JsonSerializer.Deserialize<JsonElement>(symbols);
        using var response = await _host.SubmitAsync(report);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.TryGetProperty(field, out _), Is.True, errors.GetRawText());
        Assert.That((await SendAsync(new BuildQuarterSummaryQuery("test", Counted))).Total, Is.EqualTo(reports.Total), "nothing stored");
    }

    [Test]
    public async Task TheReportKeepsItsSymbols()
    {
        var list = await SendAsync(new ListReportsQuery("test"));
        var details = await Task.WhenAll(list.Items.Select(i => SendAsync(new OpenReportCommand("test", i.Id))));
        Assert.That(details.Select(d => string.Join(",", d!.Report.Symbols)).Order(), Is.EqualTo(new[] { "", "is-flag", "tyr-rune", "tyr-rune", "tyr-rune,odal-rune" }));
    }

    [Test]
    public async Task TheQuarterAndTheYearCountReportsBySymbol()
    {
        var quarter = await SendAsync(new BuildQuarterSummaryQuery("test", Counted));
        var year = await SendAsync(new BuildYearSummaryQuery("test", 2025));

        foreach (var bySymbol in new[] { quarter.BySymbol, year.BySymbol })
        {
            Assert.That(bySymbol["tyr-rune"], Is.EqualTo(3));
            Assert.That(bySymbol["odal-rune"], Is.EqualTo(1));
            Assert.That(bySymbol["is-flag"], Is.EqualTo(1));
            Assert.That(bySymbol["black-sun"], Is.Zero, "every symbol of the catalogue, zero or not");
        }

        var json = JsonSerializer.Serialize(quarter, Reporting.Infrastructure.Serialization.ReportingJsonContext.Default.QuarterSummary);
        Assert.That(json, Does.Contain("\"bySymbol\":{"));
    }

    [Test]
    public async Task TheDocumentsPrintTheSymbolsTableWithSmallCountsHiddenInTheShareableOnes()
    {
        var quarterInternal = await SendAsync(new ExportQuarterSummaryQuery("test", Counted, SummaryVariant.Internal));
        var quarterShareable = await SendAsync(new ExportQuarterSummaryQuery("test", Counted, SummaryVariant.Shareable));
        var yearInternal = await SendAsync(new ExportYearSummaryQuery("test", 2025, SummaryVariant.Internal));
        var yearShareable = await SendAsync(new ExportYearSummaryQuery("test", 2025, SummaryVariant.Shareable));
        var pictureShareable = await SendAsync(new ExportSituationPictureQuery("test", 2025, SummaryVariant.Shareable, SituationPictureFormat.Pdf));

        foreach (var (name, pdf, shareable) in new[]
        {
            ("quarterly, internal", quarterInternal.Content, false), ("quarterly, shareable", quarterShareable.Content, true),
            ("yearly, internal", yearInternal.Content, false), ("yearly, shareable", yearShareable.Content, true),
            ("lägesbild, shareable", pictureShareable.Content, true),
        })
        {
            using var reading = new PdfReading(pdf);
            Assert.That(reading.AllText, Does.Contain("Symboler"), name);
            Assert.That(reading.CountOf("Tyrrunan (pil uppåt) Vit makt-miljön"), Is.EqualTo("3"), name);
            Assert.That(reading.CountOf("Odalrunan Vit makt-miljön"), Is.EqualTo(shareable ? "<3" : "1"), name);
            Assert.That(reading.AllText, Does.Not.Contain("Svarta solen"), $"{name}: a symbol no report named is not a row");
        }

        var word = await SendAsync(new ExportSituationPictureQuery("test", 2025, SummaryVariant.Shareable, SituationPictureFormat.Docx));
        using var document = WordprocessingDocument.Open(new MemoryStream(word.Content), false);
        var text = document.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.That(text, Does.Contain("Tyrrunan (pil uppåt)").And.Contain("Odalrunan"), "the Word lägesbild has the table too");
    }

    [Test]
    public async Task AConfiguredCatalogueReplacesTheBuiltInOne()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, new Dictionary<string, string?>
        {
            ["Symbols:0:Code"] = "lokal-tagg",
            ["Symbols:0:Name"] = "Gängets tagg vid torget",
            ["Symbols:0:Environment"] = "other",
        });
        using var client = host.CreateClient();

        var symbols = await client.GetFromJsonAsync<JsonElement>("/api/symbols");
        Assert.That(symbols.EnumerateArray().Select(s => s.GetProperty("code").GetString()), Is.EqualTo(new[] { "lokal-tagg" }));

        var builtIn = SampleReports.Valid();
        builtIn["symbols"] = new[] { "tyr-rune" };
        using (var refused = await host.SubmitAsync(builtIn))
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a built-in code is not in a configured catalogue");
        }

        var local = SampleReports.Valid();
        local["symbols"] = new[] { "lokal-tagg" };
        using var accepted = await host.SubmitAsync(local);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var form = await client.GetStringAsync("/");
        Assert.That(form, Does.Contain("Gängets tagg vid torget").And.Not.Contain("Tyrrunan"), "the form offers the configured catalogue");
    }
}
