using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Operations;

/// <summary>
/// What a city's reviewers ask for, through the API and the command line: the audit log of a period as
/// JSON and CSV (codes only), the accessibility statement linked from every page, and the article 30
/// record written from the configuration, naming every retention class.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class OperationsTests
{
    private static string Today => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Test]
    public async Task TheAuditLogOfAPeriodComesOutAsJsonAndCsvWithoutContent()
    {
        using var folder = new TempFolder();
        using (var host = new ReportingHost(folder.Path))
        {
            using (var submitted = await host.SubmitAsync(SampleReports.Valid("Qv4Loggtext om klotter på gaveln.")))
            {
                Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            using var signedIn = await CoordinatorAccess.SignInAsync(host, await CoordinatorAccess.EnrolAsync(host, "granskare@kommun.example"));
            var id = (await signedIn.GetFromJsonAsync<JsonElement>("/api/reports?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetString();
            await signedIn.GetStringAsync($"/api/reports/{id}");

            var lines = await signedIn.GetFromJsonAsync<JsonElement>($"/api/audit?from={Today}&to={Today}");
            var actions = lines.EnumerateArray().Select(l => l.GetProperty("action").GetString()).ToList();
            Assert.That(actions, Does.Contain("signed-in").And.Contain("report-read"));
            Assert.That(lines.GetRawText(), Does.Not.Contain("Qv4Loggtext"));
            var ids = lines.EnumerateArray().Select(l => l.GetProperty("id").GetInt64()).ToList();
            Assert.That(ids, Is.Ordered, "oldest first");

            using var missing = await signedIn.GetAsync("/api/audit?from=2026-01-01");
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("to", out _), Is.True);
            using var tooLong = await signedIn.GetAsync("/api/audit?from=2024-01-01&to=2026-01-01");
            Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            using var stranger = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            using var anonymous = await stranger.GetAsync($"/api/audit?from={Today}&to={Today}");
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        var csv = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "audit", "export", "--from", Today, "--to", Today, "--format", "csv");
        Assert.That(csv.ExitCode, Is.Zero, csv.Error);
        using (var reader = CsvHelper.CsvReader.FromText(csv.Output.TrimStart('\uFEFF'), CsvHelper.CsvReaderOptions.Default with { Separator = ';' }))
        {
            var actions = new List<string>();
            while (reader.Read())
            {
                actions.Add(reader.GetString("action"));
            }

            Assert.That(reader.Headers, Is.EqualTo(new[] { "id", "at", "actor", "action", "reference", "detail", "administration" }));
            Assert.That(actions, Does.Contain("report-read"));
        }

        var json = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "audit", "export", "--from", Today, "--to", Today, "--format", "json");
        Assert.That(json.ExitCode, Is.Zero, json.Error);
        Assert.That(JsonDocument.Parse(json.Output).RootElement.GetArrayLength(), Is.GreaterThan(2));
        var wrong = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "audit", "export", "--from", "igår", "--to", Today);
        Assert.That(wrong.ExitCode, Is.Not.Zero);
        Assert.That(wrong.Error, Does.Contain("--from"));
    }

    [Test]
    public async Task TheMonthlyLogReviewListsPerCoordinatorTheReportsOpenedAndWhen()
    {
        using var folder = new TempFolder();
        var month = Today[..7];
        string reference;
        using (var host = new ReportingHost(folder.Path))
        {
            using (var submitted = await host.SubmitAsync(SampleReports.Valid("Qv5Granskning av klotter på gaveln.")))
            {
                Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            using var reader = await CoordinatorAccess.SignInAsync(host, await CoordinatorAccess.EnrolAsync(host, "lasare@kommun.example"));
            using var idle = await CoordinatorAccess.SignInAsync(host, await CoordinatorAccess.EnrolAsync(host, "passiv@kommun.example"));
            var item = (await reader.GetFromJsonAsync<JsonElement>("/api/reports?pageSize=1")).GetProperty("items")[0];
            reference = item.GetProperty("reference").GetString()!;
            await reader.GetStringAsync($"/api/reports/{item.GetProperty("id").GetString()}");

            using var response = await idle.GetAsync($"/api/audit/review/{month}.pdf");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var pdf = new PdfReading(await response.Content.ReadAsByteArrayAsync());
            var text = pdf.AllText;
            var readerPart = text[text.IndexOf("lasare@kommun.example", StringComparison.Ordinal)..text.IndexOf("passiv@kommun.example", StringComparison.Ordinal)];
            Assert.Multiple(() =>
            {
                Assert.That(text, Does.Contain($"Logguppföljning {month}"));
                Assert.That(readerPart, Does.Contain(reference).And.Match(@$"{Today} \d{{2}}:\d{{2}}"), "the report opened, with the minute");
                Assert.That(text[text.IndexOf("passiv@kommun.example", StringComparison.Ordinal)..], Does.Contain("Öppnade inga rapporter"));
                Assert.That(text, Does.Not.Contain("Qv5Granskning"));
            });

            using var wrong = await idle.GetAsync("/api/audit/review/2026-13.pdf");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("month", out _), Is.True);
            var page = await idle.GetStringAsync("/samordnare/logg");
            Assert.That(page, Does.Contain($"/api/audit/review/{month}.pdf"), "the audit page links the review");
        }

        var path = Path.Combine(folder.Path, "granskning.pdf");
        var written = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "audit", "review", "--month", month, "--out", path);
        Assert.That(written.ExitCode, Is.Zero, written.Error);
        using (var fromCli = new PdfReading(await File.ReadAllBytesAsync(path)))
        {
            Assert.That(fromCli.AllText, Does.Contain(reference).And.Contain("lasare@kommun.example"));
        }

        var again = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "audit", "review", "--month", month, "--out", path);
        Assert.That(again.ExitCode, Is.Not.Zero, "never overwritten");
        var badMonth = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "audit", "review", "--month", "november", "--out", path + ".2");
        Assert.That(badMonth.ExitCode, Is.Not.Zero);
    }

    [Test]
    public async Task TheAccessibilityStatementIsOneClickFromEveryPage()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, new Dictionary<string, string?> { ["Organisation:Contact"] = "Ring samordnaren på 08-508 12 345." });
        using var client = host.CreateClient();
        var statement = await client.GetStringAsync("/tillganglighet");
        Assert.That(statement, Does.Contain("Hur tillgänglig är tjänsten?").And.Contain("Innehåll som inte är tillgängligt")
            .And.Contain("digg.se").And.Contain("Ring samordnaren på 08-508 12 345.").And.Contain("Hur vi testat"));
        foreach (var path in new[] { "/", "/uppfoljning", "/samordnare/logga-in", "/tillganglighet" })
        {
            Assert.That(await client.GetStringAsync(path), Does.Contain("href=\"/tillganglighet\""), path);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/finns-inte");
        request.Headers.Accept.ParseAdd("text/html");
        using var notFound = await client.SendAsync(request);
        Assert.That(await notFound.Content.ReadAsStringAsync(), Does.Contain("href=\"/tillganglighet\""), "the 404 page too");
    }

    [Test]
    public async Task TheArticle30RecordNamesEveryRetentionClassAndTheSensitiveCategories()
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string>
        {
            ["Storage__DataDirectory"] = folder.Path,
            ["Retention__Classes__0__Records"] = "reports",
            ["Retention__Classes__0__Months"] = "24",
            ["Retention__Classes__0__Decision"] = "Gallringsbeslut SN 2026/17 § 4",
            ["Retention__Classes__1__Records"] = "audit",
            ["Retention__Classes__1__Months"] = "36",
            ["Retention__Classes__1__Decision"] = "Gallringsbeslut SN 2026/17 § 9",
            ["Organisation__Name"] = "Norrmalms stadsdelsförvaltning",
        };
        var path = folder.File("art30.md");

        var result = await ServiceProcess.RunAsync(environment, "records", "art30", "--out", path);

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        var record = await File.ReadAllTextAsync(path);
        Assert.That(record, Does.Contain("Gallringsbeslut SN 2026/17 § 4").And.Contain("Gallringsbeslut SN 2026/17 § 9"));
        Assert.That(record, Does.Contain("`reports`").And.Contain("`audit`"));
        Assert.That(record, Does.Contain("artikel 9").And.Contain("artikel 10").And.Contain("Norrmalms stadsdelsförvaltning"));
        Assert.That(record, Does.Contain("(fylls i av förvaltningen)"));
        var again = await ServiceProcess.RunAsync(environment, "records", "art30", "--out", path);
        Assert.That(again.ExitCode, Is.Not.Zero, "never overwritten");
    }
}
