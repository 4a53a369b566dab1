using System.Net;
using System.Text.Json;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Summaries;

[TestFixture]
public sealed class SummaryCommandLineTests
{
    [Test]
    public async Task TheJsonSummaryCountsWhatWasStored()
    {
        using var folder = new TempFolder();
        using (var host = new ReportingHost(folder.Path))
        {
            foreach (var environment in new[] { "white-power", "white-power", "islamist" })
            {
                var report = SampleReports.With("environment", environment);
                Assert.That((await host.SubmitAsync(report)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            // A report that names no place.
            var placeless = SampleReports.With("environment", "other");
            placeless.Remove("placeCategory");
            Assert.That((await host.SubmitAsync(placeless)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var quarter = QuarterOfToday();
        var result = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "summary", "--quarter", quarter, "--format", "json");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("quarter").GetString(), Is.EqualTo(quarter));
            Assert.That(root.GetProperty("total").GetInt32(), Is.EqualTo(4));
            Assert.That(root.GetProperty("byPlaceCategory").GetProperty("unknown").GetInt32(), Is.EqualTo(1), "an empty place is an unknown place");
            Assert.That(root.GetProperty("byPlaceCategory").GetProperty("other").GetInt32(), Is.Zero, "not another place");
            Assert.That(root.GetProperty("byEnvironment").GetProperty("white-power").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("byEnvironment").GetProperty("islamist").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("byEnvironment").GetProperty("unknown").GetInt32(), Is.Zero, "every code is listed");
            Assert.That(root.GetProperty("byKind").GetProperty("incident").GetInt32(), Is.EqualTo(4));
            Assert.That(root.GetProperty("byArea").GetProperty("stadshagen").GetInt32(), Is.EqualTo(4));
            Assert.That(result.Error, Does.Not.Contain("solkors"), "logs on stderr carry no content");
        });
    }

    [Test]
    public async Task TheCommandLineWritesBothPdfVariants()
    {
        using var folder = new TempFolder();
        using (var host = new ReportingHost(folder.Path))
        {
            Assert.That((await host.SubmitAsync(SampleReports.Valid())).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var quarter = QuarterOfToday();
        var internalPdf = Path.Combine(folder.Path, "intern.pdf");
        var shareablePdf = Path.Combine(folder.Path, "delbar.pdf");
        var first = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "summary", "--quarter", quarter, "--out", internalPdf);
        var second = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "summary", "--quarter", quarter, "--variant", "shareable", "--out", shareablePdf);

        Assert.That(first.ExitCode, Is.Zero, first.Error);
        Assert.That(second.ExitCode, Is.Zero, second.Error);
        using var intern = new PdfReading(await File.ReadAllBytesAsync(internalPdf));
        using var shareable = new PdfReading(await File.ReadAllBytesAsync(shareablePdf));
        Assert.That(intern.AllText, Does.Contain("solkors på skolgården"), "the internal list has the description");
        Assert.That(shareable.AllText, Does.Not.Contain("solkors"));
        Assert.That(shareable.Pages[0], Does.Contain("Version: Delbar"));
    }

    [Test]
    public async Task TheJsonSummaryIsAuditedLikeAnExport()
    {
        using var folder = new TempFolder();
        var quarter = QuarterOfToday();

        var result = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "summary", "--quarter", quarter, "--format", "json");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        using var host = new ReportingHost(folder.Path);
        var audited = await host.ReadColumnAsync("SELECT Actor || ' ' || Action || ' ' || Detail FROM AuditLog WHERE Action = 'summary-viewed'");
        Assert.That(audited, Has.Count.EqualTo(1));
        Assert.That(audited[0], Does.StartWith("kommandoraden summary-viewed " + quarter));
    }

    [TestCase(new[] { "summary", "--quarter", "2026-Q3", "--variant", "public", "--out", "x.pdf" }, "--variant")]
    [TestCase(new[] { "summary", "--quarter", "2026-Q3", "--format", "pdf" }, "--out")]
    [TestCase(new[] { "summary" }, "--quarter")]
    [TestCase(new[] { "summary", "--quarter", "2026-Q5", "--format", "json" }, "--quarter")]
    [TestCase(new[] { "summary", "--quarter", "2026-Q3", "--colour", "red" }, "--colour")]
    [TestCase(new[] { "summary", "--quarter" }, "--quarter")]
    public async Task BadArgumentsGiveAOneLineReasonAndANonZeroExit(string[] args, string named)
    {
        using var folder = new TempFolder();

        var result = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), args);

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain(named));
        Assert.That(result.Output, Is.Empty);
    }

    private static string QuarterOfToday()
    {
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"));
        return $"{today.Year}-Q{(today.Month - 1) / 3 + 1}";
    }
}
