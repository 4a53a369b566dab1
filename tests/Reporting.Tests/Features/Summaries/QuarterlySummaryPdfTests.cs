using System.Net;
using System.Net.Http.Json;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Reports;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Persistence;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Summaries;

/// <summary>
/// The quarterly PDF read back with PdfPig against seeded data: numbers equal the aggregation,
/// pages are framed and numbered, the internal list flows with repeated headers, the shareable
/// variant suppresses small counts and carries no descriptions, the structure is tagged.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSQL")]
public sealed class QuarterlySummaryPdfTests(string provider)
{
    private static readonly Quarter Q3 = new(2026, 3);
    private const string Sentence = "Klistermärken med symboler hittades på skolgården och togs bort av personalen samma dag. ";

    private TempFolder _folder = null!;
    private FakeTimeProvider _clock = null!;
    private ReportingHost _host = null!;
    private QuarterSummary _summary = null!;
    private PdfReading _internal = null!;
    private PdfReading _shareable = null!;
    private readonly List<Guid> _ids = [];

    [OneTimeSetUp]
    public async Task SeedAndPrint()
    {
        _folder = new TempFolder();
        _clock = new FakeTimeProvider(new DateTimeOffset(2025, 8, 10, 9, 0, 0, TimeSpan.Zero));
        _host = new ReportingHost(_folder.Path, await ReportingHost.SettingsForAsync(provider), _clock);

        await SubmitAsync("white-power", "incident", "grundskola", "Förra året.");                 // same quarter last year
        _clock.SetUtcNow(new DateTimeOffset(2026, 5, 10, 9, 0, 0, TimeSpan.Zero));
        await SubmitAsync("islamist", "concern", "fritidsgard", "Förra kvartalet.");
        await SubmitAsync("islamist", "concern", "fritidsgard", "Förra kvartalet igen.");

        _clock.SetUtcNow(new DateTimeOffset(2026, 7, 6, 9, 0, 0, TimeSpan.Zero));
        for (var i = 0; i < 6; i++)
        {
            await SubmitAsync("white-power", "incident", "grundskola", LongDescription(i));
        }

        _clock.SetUtcNow(new DateTimeOffset(2026, 8, 12, 9, 0, 0, TimeSpan.Zero));
        for (var i = 6; i < 9; i++)
        {
            await SubmitAsync("islamist", "concern", "fritidsgard", LongDescription(i));
        }

        _clock.SetUtcNow(new DateTimeOffset(2026, 9, 14, 9, 0, 0, TimeSpan.Zero));
        await SubmitAsync("other", "information", "forskola", LongDescription(9));
        await SubmitAsync("autonomous", "incident", "grundskola", LongDescription(10));
        await SubmitAsync("autonomous", "incident", "grundskola", LongDescription(11));

        // Closed within the quarter; another report changed only after it ended.
        _clock.SetUtcNow(new DateTimeOffset(2026, 9, 20, 9, 0, 0, TimeSpan.Zero));
        await ChangeStatusAsync(_ids[3], "closed");
        _clock.SetUtcNow(new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero));
        await ChangeStatusAsync(_ids[4], "in-review");

        await using var scope = _host.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        _summary = await mediator.Send(new BuildQuarterSummaryQuery("test", Q3));
        _internal = new PdfReading((await mediator.Send(new ExportQuarterSummaryQuery("test", Q3, SummaryVariant.Internal))).Content);
        _shareable = new PdfReading((await mediator.Send(new ExportQuarterSummaryQuery("test", Q3, SummaryVariant.Shareable))).Content);
    }

    [OneTimeTearDown]
    public void Dispose()
    {
        _internal?.Dispose();
        _shareable?.Dispose();
        _host?.Dispose();
        _folder?.Dispose();
    }

    private static string LongDescription(int i) => $"Rapport nummer {i + 1}. " + string.Concat(Enumerable.Repeat(Sentence, 12));

    private async Task SubmitAsync(string environment, string kind, string unit, string description)
    {
        var report = SampleReports.Valid(description);
        report["environment"] = environment;
        report["kind"] = kind;
        report["unit"] = unit;
        report["confirmNoIdentifiers"] = true;
        report["occurredOn"] = _clock.GetUtcNow().AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var response = await _host.SubmitAsync(report);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var newest = await db.Reports.OrderByDescending(r => r.ReferenceYear).ThenByDescending(r => r.ReferenceNumber).FirstAsync();
        if (newest.ReceivedOn >= Q3.FirstDay)
        {
            _ids.Add(newest.Id);
        }
    }

    private async Task ChangeStatusAsync(Guid id, string status)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new UpdateReportCommand("samordnare@kommun.example", id, status, null, null));
    }

    [Test]
    public void TheAggregationCountsTheQuarterByReceivedDateWithStatusAtQuarterEnd()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_summary.Total, Is.EqualTo(12));
            Assert.That(_summary.PreviousQuarterTotal, Is.EqualTo(2));
            Assert.That(_summary.SameQuarterLastYearTotal, Is.EqualTo(1));
            Assert.That(_summary.ByMonth, Is.EquivalentTo(new Dictionary<string, int> { ["2026-07"] = 6, ["2026-08"] = 3, ["2026-09"] = 3 }));
            Assert.That(_summary.ByStatus["closed"], Is.EqualTo(1));
            Assert.That(_summary.ByStatus["in-review"], Is.Zero, "a change after the quarter ended does not alter it");
            Assert.That(_summary.ByStatus["new"], Is.EqualTo(11));
            Assert.That(_summary.Trend.Select(t => t.Quarter), Is.EqualTo(new[] { "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3" }));
            Assert.That(_summary.Trend.Select(t => t.Total), Is.EqualTo(new[] { 0, 0, 0, 1, 0, 0, 2, 12 }));
        });
    }

    [Test]
    public void EveryPageSaysSidaXAvYAndCarriesTheOslMarking()
    {
        var pages = _internal.Pages;

        Assert.That(pages, Has.Count.GreaterThan(4));
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.That(pages[i], Does.Contain($"Sida {i + 1} av {pages.Count}"), $"page {i + 1}");
            Assert.That(pages[i], Does.Contain("Innehåller uppgifter som kan omfattas av sekretess enligt OSL"), $"page {i + 1}");
        }
    }

    [Test]
    public void TheCoverNamesTitleOrganisationPeriodAndVariant()
    {
        var cover = _internal.Pages[0];

        Assert.That(cover, Does.Contain("Kvartalssammanställning — rapporter om oro och händelser kopplade till"));
        Assert.That(cover, Does.Contain("Kungsholmens stadsdelsförvaltning"));
        Assert.That(cover, Does.Contain("2026 kvartal 3, 1 juli – 30 september 2026"));
        Assert.That(cover, Does.Contain("Version: Intern"));
        Assert.That(_shareable.Pages[0], Does.Contain("Version: Delbar"));
    }

    [Test]
    public void KeyFiguresAndTablesEqualTheAggregation()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_internal.RowsAfter("Rapporter 2026-Q3")[0], Is.EqualTo(new[] { "12", "–" }));
            Assert.That(_internal.RowsAfter("Föregående kvartal (2026-Q2)")[0], Is.EqualTo(new[] { "2", "+10", "(+500", "%)" }));
            Assert.That(_internal.RowsAfter("Samma kvartal förra året (2025-Q3)")[0][0], Is.EqualTo("1"));
            foreach (var (code, label) in ReportCodes.Kind.Entries)
            {
                Assert.That(_internal.CountOf(label), Is.EqualTo(_summary.ByKind[code].ToString(System.Globalization.CultureInfo.InvariantCulture)), label);
            }

            // Environment × month: July, August, September, total.
            Assert.That(_internal.RowsAfter("Vit makt-miljön")[0], Is.EqualTo(new[] { "6", "0", "0", "6" }));
            Assert.That(_internal.RowsAfter("Den islamistiska extremistiska miljön")[0], Is.EqualTo(new[] { "0", "3", "0", "3" }));
            Assert.That(_internal.RowsAfter("Oklart")[0], Is.EqualTo(new[] { "0", "0", "0", "0" }), "Okänt/Oklart always shows");
            Assert.That(_internal.CountOf("Avslutad"), Is.EqualTo("1"));
            Assert.That(_internal.CountOf("Grundskola"), Is.EqualTo("8"));
            Assert.That(_internal.CountOf("Förskola"), Is.EqualTo("1"));
        });
    }

    [Test]
    public void TheInternalListFlowsOverPagesWithItsHeaderRepeated()
    {
        var listPages = _internal.Pages.Where(p => p.Contains("Rapport nummer", StringComparison.Ordinal)).ToList();

        Assert.That(listPages, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(listPages, Has.All.Contains("Referens").And.All.Contains("Beskrivning").And.All.Contains("Uppgifter"), "the header row, on every page of the list");
        Assert.That(listPages[0], Does.Contain("Verksamhet: ").And.Contain("Typ: ").And.Contain("Miljö: ").And.Contain("Iakttaget: ").And.Contain("Status: "), "each value named");
        for (var i = 1; i <= 12; i++)
        {
            Assert.That(_internal.AllText, Does.Contain($"Rapport nummer {i}."));
        }

        Assert.That(_internal.AllText, Does.Contain("2026-00"), "references are listed");
    }

    [Test]
    public void SwedishLettersExtractAsWritten()
    {
        Assert.That(_internal.AllText, Does.Contain("Åldersgrupp").And.Contain("Åtgärder hittills").And.Contain("Kön").And.Contain("Klistermärken med symboler hittades på skolgården"));
    }

    [Test]
    public void AllFontsAreEmbedded()
    {
        foreach (var pdf in new[] { _internal, _shareable })
        {
            var descriptors = PdfReading.FontDescriptor().Matches(pdf.Raw).Count;
            Assert.That(descriptors, Is.GreaterThan(0));
            Assert.That(PdfReading.EmbeddedTrueType().Matches(pdf.Raw).Count, Is.EqualTo(descriptors), "every font descriptor has its font file");
        }
    }

    [Test]
    public void TheDocumentIsTaggedWithLanguageTitleAndFigureAlternatives()
    {
        var raw = _internal.Raw;

        Assert.Multiple(() =>
        {
            Assert.That(raw, Does.Contain("/StructTreeRoot"));
            Assert.That(raw, Does.Contain("/MarkInfo"));
            Assert.That(raw, Does.Match(@"/Lang\s*\(sv-SE\)"));
            Assert.That(raw, Does.Contain("/DisplayDocTitle true"));
            Assert.That(raw, Does.Contain("/S/Table").Or.Contain("/S /Table"));
            Assert.That(raw, Does.Contain("/S/TH").Or.Contain("/S /TH"));
            Assert.That(raw, Does.Contain("/S/Figure").Or.Contain("/S /Figure"));
            Assert.That(raw, Does.Contain("/S/H1").Or.Contain("/S /H1"));
            Assert.That(_internal.HasArtifacts, Is.True, "page frames are artifacts");
            Assert.That(_internal.ParentTreeKeys(), Is.EqualTo(Enumerable.Range(0, _internal.Pages.Count)), "one parent-tree entry per page, in page order");
        });
    }

    [Test]
    public void TheShareableVariantHasNoDescriptionsNoReferencesAndSuppressesSmallCounts()
    {
        var text = _shareable.AllText;

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("Klistermärken med symboler"));
            Assert.That(text, Does.Not.Contain("Rapport nummer"));
            Assert.That(text, Does.Not.Match(@"\b20\d\d-\d{3}\b"), "no references");
            Assert.That(text, Does.Not.Contain("sekretess enligt OSL"));
            Assert.That(_shareable.CountOf("Förskola"), Is.EqualTo("<3"), "a count of 1");
            Assert.That(_shareable.RowsAfter("Den autonoma miljön")[0], Is.EqualTo(new[] { "0", "0", "<3", "<3" }), "a count of 2");
            Assert.That(_shareable.RowsAfter("Rapporter 2026-Q3")[0][0], Is.EqualTo("12"));
            Assert.That(_shareable.RowsAfter("Föregående kvartal (2026-Q2)")[0], Is.EqualTo(new[] { "<3", "–" }), "no change derived from a suppressed count");
            Assert.That(text, Does.Contain("visas som \"<3\""), "the note explains it");
        });
    }

    [Test]
    public void TheShareableVariantHidesACountThatCouldBeWorkedOutFromTheTotal()
    {
        // Status at quarter end: 11 new, 1 closed (→ "<3"); with the total 12 shown, 11 would give it away.
        Assert.That(_shareable.CountOf("Avslutad"), Is.EqualTo("<3"));
        Assert.That(_shareable.CountOf("Ny"), Is.EqualTo(SmallCounts.Complementary));
        Assert.That(_internal.CountOf("Ny"), Is.EqualTo("11"));
    }

    [Test]
    public async Task EveryPageRendersWithPoppler()
    {
        using var folder = new TempFolder();

        var pages = await PdfReading.RenderPagesAsync(_internal.Bytes, folder.Path);

        Assert.That(pages, Has.Count.EqualTo(_internal.Pages.Count));
        Assert.That(pages.Select(p => new FileInfo(p).Length), Has.All.GreaterThan(1000));
        TestContext.AddTestAttachment(pages[1], "key figures page");
    }

    [Test]
    public async Task AQuarterWithNoReportsGivesAValidPdfThatSaysSo()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var pdf = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ExportQuarterSummaryQuery("test", new Quarter(2024, 1), SummaryVariant.Internal));
        using var reading = new PdfReading(pdf.Content);

        Assert.That(reading.Pages[0], Does.Contain("Inga rapporter kom in under kvartalet"));
        Assert.That(reading.Pages[^1], Does.Contain($"Sida {reading.Pages.Count} av {reading.Pages.Count}"));
    }

    [Test]
    public async Task CoordinatorsDownloadIt_StrangersCannot_AndEveryExportIsAudited()
    {
        _clock.SetUtcNow(DateTimeOffset.UtcNow); // sign-in and one-time codes run on real time
        var coordinator = await CoordinatorAccess.EnrolAsync(_host, "kvartal@kommun.example");
        using var signedIn = await CoordinatorAccess.SignInAsync(_host, coordinator);
        using var stranger = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var anonymous = await stranger.GetAsync("/api/summaries/2026-Q3.pdf?variant=internal");
        using var shareable = await signedIn.GetAsync("/api/summaries/2026-Q3.pdf?variant=shareable");
        using var badQuarter = await signedIn.GetAsync("/api/summaries/2026-Q7.pdf");
        using var badVariant = await signedIn.GetAsync("/api/summaries/2026-Q3.pdf?variant=public");

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(shareable.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(shareable.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(shareable.Content.Headers.ContentDisposition!.FileNameStar ?? shareable.Content.Headers.ContentDisposition.FileName, Does.Contain("2026-Q3-delbar"));
        using (var reading = new PdfReading(await shareable.Content.ReadAsByteArrayAsync()))
        {
            Assert.That(reading.Pages[0], Does.Contain("Version: Delbar"));
        }

        var page = await signedIn.GetStringAsync("/samordnare/sammanstallning?kvartal=2026-Q3");
        Assert.That(page, Does.Contain("Nyckeltal 2026-Q3"));
        Assert.That(System.Text.RegularExpressions.Regex.IsMatch(page, @"<th scope=""row"">Totalt</th><td>12</td>"), Is.True, "the page shows the same aggregation");

        Assert.That(badQuarter.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await badQuarter.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors").TryGetProperty("quarter", out _), Is.True);
        Assert.That(badVariant.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await badVariant.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors").TryGetProperty("variant", out _), Is.True);

        await using var scope = _host.Services.CreateAsyncScope();
        var exports = await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().AuditLog
            .Where(e => e.Action == "summary-exported").Select(e => e.Actor + " " + e.Detail).ToListAsync();
        Assert.That(exports, Does.Contain("kvartal@kommun.example 2026-Q3 delbar, 12 rapporter"));
    }
}
