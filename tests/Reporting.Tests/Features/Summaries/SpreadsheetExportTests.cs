using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Reporting.Features.Summaries;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Summaries;

/// <summary>
/// The summaries' tables as XLSX and CSV, read back with the library that wrote them: one sheet per
/// table, counts as numbers, the caveats on a sheet of their own, and the shareable variant's small
/// counts as the text "&lt;3".
/// </summary>
[TestFixture]
public sealed class SpreadsheetExportTests
{
    private TempFolder _folder = null!;
    private ReportingHost _host = null!;

    [OneTimeSetUp]
    public async Task Seed()
    {
        _folder = new TempFolder();
        _host = new ReportingHost(_folder.Path, clock: new FakeTimeProvider(new DateTimeOffset(2025, 5, 12, 9, 0, 0, TimeSpan.Zero)));
        foreach (var environment in new[] { "white-power", "white-power", "white-power", "islamist" })
        {
            var report = SampleReports.Valid(occurredOn: "2025-05-10");
            report["environment"] = environment;
            using var response = await _host.SubmitAsync(report);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _host?.Dispose();
        _folder?.Dispose();
    }

    private async Task<ExportedTables> ExportAsync(string period, SummaryVariant variant, string format)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ExportSummaryTablesQuery("test", period, variant, format));
    }

    private static Dictionary<string, object?> Row(IEnumerable<dynamic> rows, string column, string label) =>
        rows.Cast<IDictionary<string, object?>>().Select(r => new Dictionary<string, object?>(r)).Single(r => Equals(r[column], label));

    [TestCase("2025-Q2")]
    [TestCase("2025")]
    public async Task TheXlsxHoldsEveryTableWithNumbersAsNumbers(string period)
    {
        var internalBook = await ExportAsync(period, SummaryVariant.Internal, "xlsx");
        var shareableBook = await ExportAsync(period, SummaryVariant.Shareable, "xlsx");

        using var internalStream = new MemoryStream(internalBook.Content);
        var sheets = internalStream.GetSheetNames();
        Assert.That(sheets, Is.SupersetOf(new[] { "Nyckeltal", "Miljö", "Iakttagelse", "Symbol", "Verksamhet", "Status", "Om underlaget" }));

        var environment = internalStream.Query(useHeaderRow: true, sheetName: "Miljö").ToList();
        Assert.That(Convert.ToDouble(Row(environment, "Miljö", "Vit makt-miljön")["Antal"], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(3), "a number, not text");
        Assert.That(Row(environment, "Miljö", "Vit makt-miljön")["Antal"], Is.Not.InstanceOf<string>());
        Assert.That(Convert.ToDouble(Row(environment, "Miljö", "Den islamistiska extremistiska miljön")["Antal"], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(1));
        Assert.That(Convert.ToDouble(Row(environment, "Miljö", "Totalt")["Antal"], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(4));
        var caveats = internalStream.Query(useHeaderRow: true, sheetName: "Om underlaget").Cast<IDictionary<string, object?>>().Select(r => r["Om underlaget"]?.ToString()).ToList();
        Assert.That(caveats, Has.Some.Contains("inte polisens statistik"));

        using var shareableStream = new MemoryStream(shareableBook.Content);
        var shared = shareableStream.Query(useHeaderRow: true, sheetName: "Miljö").ToList();
        Assert.That(Row(shared, "Miljö", "Den islamistiska extremistiska miljön")["Antal"], Is.EqualTo("<3"), "suppressed as in the shareable PDF");
        Assert.That(Row(shared, "Miljö", "Vit makt-miljön")["Antal"], Is.EqualTo("x"), "hidden too, or the 1 would follow from the total of 4");
    }

    [Test]
    public async Task TheCsvHoldsEveryTableAsRows()
    {
        var csv = await ExportAsync("2025", SummaryVariant.Shareable, "csv");
        Assert.That(csv.Content.AsSpan(0, 3).ToArray(), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        using var reader = CsvHelper.CsvReader.Create(csv.Content, CsvHelper.CsvReaderOptions.Default with { Separator = ';' });
        var rows = new List<(string Table, string Category, string Code, string Count)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString("table"), reader.GetString("category"), reader.GetString("code"), reader.GetString("count")));
        }

        Assert.That(rows, Does.Contain(("Miljö", "Vit makt-miljön", "white-power", "x")), "complementary suppression, as in the PDF");
        Assert.That(rows, Does.Contain(("Miljö", "Den islamistiska extremistiska miljön", "islamist", "<3")));
        Assert.That(rows.Select(r => r.Table).Distinct(), Is.SupersetOf(new[] { "Nyckeltal", "Kvartal", "Typ", "Symbol", "Månad" }));
    }

    [Test]
    public async Task TheRouteNeedsACoordinatorAndAPeriod()
    {
        using var stranger = _host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var anonymous = await stranger.GetAsync("/api/summaries/2025.xlsx");
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(async () => await ExportAsync("2025-Q7", SummaryVariant.Internal, "xlsx"), Throws.InstanceOf<Reporting.Pipeline.RequestValidationException>());
    }
}
