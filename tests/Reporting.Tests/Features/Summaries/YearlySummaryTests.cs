using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Summaries;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Summaries;

/// <summary>
/// The yearly summary: the same aggregation as the quarters (a property over generated reports),
/// last year and the five-year trend, the PDF in both variants, the route and the command line.
/// </summary>
[TestFixture]
public sealed class YearlySummaryTests
{
    private static readonly string[] Environments = ["white-power", "autonomous", "islamist", "other", "unknown"];
    private static readonly string[] Kinds = ["concern", "incident", "information"];
    private static int _nextYear = 2003;

    private TempFolder _folder = null!;
    private FakeTimeProvider _clock = null!;
    private ReportingHost _host = null!;

    // The property's own service: its clock only moves forward, one year per generated case.
    private TempFolder _propertyFolder = null!;
    private FakeTimeProvider _propertyClock = null!;
    private ReportingHost _propertyHost = null!;

    [OneTimeSetUp]
    public async Task Seed()
    {
        _folder = new TempFolder();
        _clock = new FakeTimeProvider(new DateTimeOffset(2024, 3, 10, 9, 0, 0, TimeSpan.Zero));
        _host = new ReportingHost(_folder.Path, clock: _clock);
        _propertyFolder = new TempFolder();
        _propertyClock = new FakeTimeProvider(new DateTimeOffset(_nextYear, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _propertyHost = new ReportingHost(_propertyFolder.Path, clock: _propertyClock);
        await SubmitOnAsync(new DateOnly(2024, 3, 10), "islamist", "concern");
        await SubmitOnAsync(new DateOnly(2025, 2, 1), "white-power", "incident");
        await SubmitOnAsync(new DateOnly(2025, 6, 1), "white-power", "incident");
        await SubmitOnAsync(new DateOnly(2025, 10, 1), "islamist", "concern");
        await SubmitOnAsync(new DateOnly(2026, 1, 15), "white-power", "incident");
        await SubmitOnAsync(new DateOnly(2026, 3, 31), "white-power", "incident");
        await SubmitOnAsync(new DateOnly(2026, 4, 1), "islamist", "concern");
        await SubmitOnAsync(new DateOnly(2026, 8, 20), "autonomous", "incident");
        await SubmitOnAsync(new DateOnly(2026, 8, 21), "autonomous", "information");
        await SubmitOnAsync(new DateOnly(2026, 9, 30), "other", "concern");
        await SubmitOnAsync(new DateOnly(2026, 11, 2), "white-power", "incident");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _host?.Dispose();
        _folder?.Dispose();
        _propertyHost?.Dispose();
        _propertyFolder?.Dispose();
    }

    private Task SubmitOnAsync(DateOnly day, string environment, string kind, string? description = null) =>
        SubmitOnAsync(_host, _clock, day, environment, kind, description);

    private static async Task SubmitOnAsync(ReportingHost host, FakeTimeProvider clock, DateOnly day, string environment, string kind, string? description = null)
    {
        clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
        var report = SampleReports.Valid(description ?? "Klotter med symboler vid entrén.", occurredOn: day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        report["environment"] = environment;
        report["kind"] = kind;
        using var response = await host.SubmitAsync(report);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    private Task<T> SendAsync<T>(IQuery<T> query) => SendAsync(_host, query);

    private static async Task<T> SendAsync<T>(ReportingHost host, IQuery<T> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    [Test]
    public async Task TheYearCountsByQuarterAgainstLastYearWithAFiveYearTrend()
    {
        var year = await SendAsync(new BuildYearSummaryQuery("test", 2026));

        Assert.Multiple(() =>
        {
            Assert.That(year.Total, Is.EqualTo(7));
            Assert.That(year.PreviousYearTotal, Is.EqualTo(3));
            Assert.That(year.ByQuarter, Is.EqualTo(new Dictionary<string, int> { ["2026-Q1"] = 2, ["2026-Q2"] = 1, ["2026-Q3"] = 3, ["2026-Q4"] = 1 }));
            Assert.That(year.ByMonth["2026-03"], Is.EqualTo(1), "31 March is the first quarter's");
            Assert.That(year.ByMonth["2026-04"], Is.EqualTo(1));
            Assert.That(year.ByEnvironment["white-power"], Is.EqualTo(3));
            Assert.That(year.PreviousYearByEnvironment["white-power"], Is.EqualTo(2));
            Assert.That(year.Trend.Select(t => t.Year), Is.EqualTo(new[] { 2022, 2023, 2024, 2025, 2026 }));
            Assert.That(year.Trend.Select(t => t.Total), Is.EqualTo(new[] { 0, 0, 1, 3, 7 }));
            Assert.That(year.Trend[2].ByEnvironment["islamist"], Is.EqualTo(1));
            Assert.That(year.ByChannel["form"], Is.EqualTo(7));
            Assert.That(year.Events, Is.EqualTo(7));
        });
    }

    /// <summary>Generated reports spread over a year: the year's numbers are the sums of its four quarters'.</summary>
    [FsCheck.NUnit.Property(MaxTest = 8)]
    public Property TheYearIsTheSumOfItsQuarters() =>
        Prop.ForAll(GeneratedReports().ToArbitrary(), reports =>
        {
            var year = Interlocked.Increment(ref _nextYear);
            // The case's year has begun (a year after "today" is refused), also when no report is generated.
            _propertyClock.SetUtcNow(new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero));
            foreach (var (dayOfYear, environment, kind) in reports.OrderBy(r => r.DayOfYear))
            {
                SubmitOnAsync(_propertyHost, _propertyClock, new DateOnly(year, 1, 1).AddDays(dayOfYear), environment, kind).GetAwaiter().GetResult();
            }

            var summary = SendAsync(_propertyHost, new BuildYearSummaryQuery("test", year)).GetAwaiter().GetResult();
            var quarters = Enumerable.Range(1, 4).Select(n => SendAsync(_propertyHost, new BuildQuarterSummaryQuery("test", new Quarter(year, n))).GetAwaiter().GetResult()).ToList();
            var sameTotal = summary.Total == reports.Length && summary.Total == quarters.Sum(q => q.Total);
            var sameQuarters = quarters.All(q => summary.ByQuarter[q.Quarter] == q.Total);
            var sameMonths = quarters.SelectMany(q => q.ByMonth).All(m => summary.ByMonth[m.Key] == m.Value);
            var sameLists = SameSums(summary.ByEnvironment, quarters.Select(q => q.ByEnvironment))
                && SameSums(summary.ByKind, quarters.Select(q => q.ByKind))
                && SameSums(summary.ByChannel, quarters.Select(q => q.ByChannel))
                && SameSums(summary.ByUnit, quarters.Select(q => q.ByUnit))
                && SameSums(summary.ByObservation, quarters.Select(q => q.ByObservation));
            var sameEvents = summary.Events == quarters.Sum(q => q.Events);
            var environmentsCounted = Environments.All(e => summary.ByEnvironment[e] == reports.Count(r => r.Environment == e));
            return (sameTotal && sameQuarters && sameMonths && sameLists && sameEvents && environmentsCounted)
                .Label($"year {year}: total {summary.Total}, quarters {string.Join("+", quarters.Select(q => q.Total))}, generated {reports.Length}");
        });

    private static bool SameSums(IReadOnlyDictionary<string, int> year, IEnumerable<IReadOnlyDictionary<string, int>> quarters)
    {
        var list = quarters.ToList();
        return year.All(entry => entry.Value == list.Sum(q => q.GetValueOrDefault(entry.Key)));
    }

    private static Gen<(int DayOfYear, string Environment, string Kind)[]> GeneratedReports() =>
        Gen.ArrayOf(
            from day in Gen.Choose(0, 364)
            from environment in Gen.Elements(Environments)
            from kind in Gen.Elements(Kinds)
            select (day, environment, kind))
        .Where(r => r.Length <= 10);

    [Test]
    public async Task TheYearlyPdfPrintsTheYearInBothVariants()
    {
        var internalPdf = await SendAsync(new ExportYearSummaryQuery("test", 2026, SummaryVariant.Internal));
        var shareablePdf = await SendAsync(new ExportYearSummaryQuery("test", 2026, SummaryVariant.Shareable));
        using var intern = new PdfReading(internalPdf.Content);
        using var shareable = new PdfReading(shareablePdf.Content);

        Assert.Multiple(() =>
        {
            Assert.That(intern.Pages[0], Does.Contain("Årssammanställning").And.Contain("1 januari – 31 december 2026").And.Contain("Version: Intern"));
            Assert.That(string.Join(" ", intern.RowsAfter("Rapporter 2026")[0]), Is.EqualTo("7 +4 (+133 %)"));
            Assert.That(intern.CountOf("2026-Q3"), Is.EqualTo("3"));
            Assert.That(intern.AllText, Does.Contain("Miljö jämfört med 2025").And.Contain("Utveckling de senaste 5 åren per miljö"));
            Assert.That(intern.AllText, Does.Not.Contain("Klotter med symboler"), "the yearly summary carries counts only");
            Assert.That(intern.Raw, Does.Contain("/S/Figure").Or.Contain("/S /Figure"));
            Assert.That(intern.Raw, Does.Contain("/Subtype/Image").Or.Contain("/Subtype /Image"), "the charts are images");
            Assert.That(shareable.Pages[0], Does.Contain("Version: Delbar"));
            Assert.That(shareable.CountOf("2026-Q2"), Is.EqualTo("<3"));
            Assert.That(shareable.RowsAfter("Rapporter 2025")[0][0], Is.EqualTo("3"));
            Assert.That(shareable.AllText, Does.Not.Contain("sekretess enligt OSL"));
        });
    }

    [Test]
    public async Task TheRouteServesYearsAndRefusesFutureYears_AndEveryExportIsAudited()
    {
        _clock.SetUtcNow(DateTimeOffset.UtcNow); // sign-in and one-time codes run on real time
        var coordinator = await CoordinatorAccess.EnrolAsync(_host, "arsvis@kommun.example");
        using var signedIn = await CoordinatorAccess.SignInAsync(_host, coordinator);
        using var stranger = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var anonymous = await stranger.GetAsync("/api/summaries/2026.pdf");
        using var shareable = await signedIn.GetAsync("/api/summaries/2026.pdf?variant=shareable");
        using var future = await signedIn.GetAsync($"/api/summaries/{DateTime.UtcNow.Year + 2}.pdf");
        using var malformed = await signedIn.GetAsync("/api/summaries/20x6.pdf");

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(shareable.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(shareable.Content.Headers.ContentDisposition!.FileNameStar ?? shareable.Content.Headers.ContentDisposition.FileName, Does.Contain("2026-delbar"));
        Assert.That(future.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await future.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("year", out _), Is.True, "the problem names the field");
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var audited = await _host.ReadColumnAsync("SELECT Detail FROM AuditLog WHERE Action = 'summary-exported'");
        Assert.That(audited, Has.Some.StartsWith("2026 årssammanställning delbar"));
    }

    [Test]
    public async Task TheCommandLinePrintsTheYearAsJsonAndWritesThePdf()
    {
        using var folder = new TempFolder();
        using (var host = new ReportingHost(folder.Path))
        {
            Assert.That((await host.SubmitAsync(SampleReports.Valid())).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var year = TodayInStockholm().Year.ToString(CultureInfo.InvariantCulture);
        var json = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "summary", "--year", year, "--format", "json");
        var pdfPath = Path.Combine(folder.Path, "ar.pdf");
        var pdf = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "summary", "--year", year, "--variant", "shareable", "--out", pdfPath);
        var both = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "summary", "--year", year, "--quarter", year + "-Q1");
        var bad = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "summary", "--year", "26");

        Assert.That(json.ExitCode, Is.Zero, json.Error);
        using var document = JsonDocument.Parse(json.Output);
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("year").GetInt32(), Is.EqualTo(int.Parse(year, CultureInfo.InvariantCulture)));
            Assert.That(root.GetProperty("total").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("byQuarter").EnumerateObject().Select(p => p.Name), Is.EqualTo(Enumerable.Range(1, 4).Select(n => $"{year}-Q{n}")));
            Assert.That(root.GetProperty("byEnvironment").GetProperty("white-power").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("byKind").GetProperty("incident").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("byChannel").GetProperty("form").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("events").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("previousYearTotal").GetInt32(), Is.Zero);
            Assert.That(pdf.ExitCode, Is.Zero, pdf.Error);
            Assert.That(File.Exists(pdfPath), Is.True);
            Assert.That(both.ExitCode, Is.EqualTo(2));
            Assert.That(both.Error, Does.Contain("either --quarter"));
            Assert.That(bad.ExitCode, Is.EqualTo(2));
            Assert.That(bad.Error, Does.Contain("--year"));
        });
    }

    private static DateOnly TodayInStockholm() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).DateTime);
}
