using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Reports;

[TestFixture("Sqlite")]
[TestFixture("PostgreSQL")]
public sealed partial class SubmitReportTests(string provider) : HostFixture(provider)
{
    [GeneratedRegex(@"^\d{4} \d{4} \d{4} \d{4}$")]
    private static partial Regex ReceiptShape();

    [Test]
    public async Task AcceptsAValidReportWithAReceiptAndTheDayReceived()
    {
        var response = await Client.PostAsJsonAsync("/api/reports", SampleReports.Valid());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(body.RootElement.GetProperty("receipt").GetString(), Does.Match(ReceiptShape()));
            var stockholmToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm")).DateTime);
            Assert.That(body.RootElement.GetProperty("receivedOn").GetString(), Is.EqualTo(stockholmToday.ToString("yyyy-MM-dd")));
            Assert.That(body.RootElement.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "receipt", "receivedOn" }));
            Assert.That(response.Headers.Location, Is.Null, "the reporter gets no URL to the report");
        });
    }

    [Test]
    public async Task AcceptsAReportWithOnlyTheRequiredFields()
    {
        var report = new Dictionary<string, object?>
        {
            ["kind"] = "information",
            ["occurredOn"] = "2026-10-01",
            ["unit"] = "forskola",
            ["environment"] = "unknown",
            ["observations"] = new[] { "other" },
            ["description"] = "En förälder uttryckte oro över material på nätet.",
        };

        var response = await Client.PostAsJsonAsync("/api/reports", report);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    private static IEnumerable<TestCaseData> InvalidFields()
    {
        yield return Case("kind", null, "missing kind");
        yield return Case("kind", "rumour", "unknown kind");
        yield return Case("occurredOn", null, "missing date");
        yield return Case("occurredOn", "20/11/2026", "date in the wrong format");
        yield return Case("occurredOn", "2026-02-30", "impossible date");
        yield return Case("occurredOn", "2999-01-01", "date in the future");
        yield return Case("unit", null, "missing unit");
        yield return Case("unit", "polisen", "unit not configured");
        yield return Case("area", "sodermalm", "area not configured");
        yield return Case("environment", null, "missing environment");
        yield return Case("environment", "left", "unknown environment");
        yield return Case("observations", Array.Empty<string>(), "no observation");
        yield return Case("observations", null, "observations null");
        yield return Case("observations[1]", new[] { "stickers", "ufo" }, "unknown observation", field: "observations");
        yield return Case("placeCategory", "moon", "unknown place");
        yield return Case("ageGroup", "12", "unknown age group");
        yield return Case("gender", "x", "unknown gender");
        yield return Case("peopleInvolved", "many", "unknown people count");
        yield return Case("actionsTaken[0]", new[] { "sapo" }, "unknown action", field: "actionsTaken");
        yield return Case("actionsTaken", new[] { "none", "police" }, "none with another action");
        yield return Case("description", null, "missing description");
        yield return Case("description", "   ", "blank description");
        yield return Case("description", new string('a', 4001), "description over 4000 characters");
        yield return Case("description", "Text med \u0007 klocka", "control character in description");
        yield return Case("reporterContact", new string('k', 201), "contact over 200 characters");
    }

    private static TestCaseData Case(string expectedField, object? value, string name, string? field = null) =>
        new TestCaseData(field ?? expectedField, value, expectedField).SetName($"RejectsInvalidField({name})");

    [TestCaseSource(nameof(InvalidFields))]
    public async Task RejectsInvalidField(string field, object? value, string expectedErrorField)
    {
        var response = await Client.PostAsJsonAsync("/api/reports", SampleReports.With(field, value));

        await AssertValidationProblem(response, expectedErrorField);
    }

    private static IEnumerable<TestCaseData> MalformedBodies()
    {
        yield return new TestCaseData("{\"kind\": \"incident\",", "body").SetName("RejectsMalformedJson(truncated)");
        yield return new TestCaseData("[1,2,3]", "body").SetName("RejectsMalformedJson(array instead of object)");
        yield return new TestCaseData("null", "body").SetName("RejectsMalformedJson(null)");
        yield return new TestCaseData("", "body").SetName("RejectsMalformedJson(empty)");
        yield return new TestCaseData(WithRaw("\"nickname\": \"x\""), "body").SetName("RejectsMalformedJson(unknown property)");
        yield return new TestCaseData(WithRaw("\"kind\": 5"), "kind").SetName("RejectsMalformedJson(number for a code)");
        yield return new TestCaseData(WithRaw("\"observations\": \"stickers\""), "observations").SetName("RejectsMalformedJson(string for a list)");
        yield return new TestCaseData(WithRaw("\"confirmNoIdentifiers\": \"yes\""), "confirmNoIdentifiers").SetName("RejectsMalformedJson(string for a boolean)");
        yield return new TestCaseData("{\"kind\": \"incident\", \"kind\": \"concern\"}", "kind").SetName("RejectsMalformedJson(duplicate property)");
        yield return new TestCaseData(WithRaw("\"description\": " + new string('[', 40) + new string(']', 40)), "description").SetName("RejectsMalformedJson(nested beyond the depth limit)");
    }

    private static string WithRaw(string extra)
    {
        var json = JsonSerializer.Serialize(SampleReports.Valid());
        var property = extra.Split(':')[0];
        var withoutProperty = JsonSerializer.Serialize(SampleReports.Valid().Where(p => $"\"{p.Key}\"" != property).ToDictionary());
        return withoutProperty.TrimEnd('}') + ", " + extra + "}";
    }

    [TestCaseSource(nameof(MalformedBodies))]
    public async Task RejectsMalformedJson(string body, string expectedField)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await Client.PostAsync("/api/reports", content);

        await AssertValidationProblem(response, expectedField);
    }

    [Test]
    public async Task RejectsABodyOver64KiBWith413()
    {
        var huge = SampleReports.Valid(description: new string('x', 70 * 1024));

        var response = await Client.PostAsJsonAsync("/api/reports", huge);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("application/xml")]
    public async Task RejectsANonJsonBodyWith415(string mediaType)
    {
        using var content = new StringContent("kind=incident", Encoding.UTF8, mediaType);

        var response = await Client.PostAsync("/api/reports", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task AnUnknownPropertysNameIsNotEchoed()
    {
        // Whatever a client puts in a property name is its text too: the answer says where, not what.
        using var content = new StringContent(WithRaw("\"Vilgot Sandqvist 12 år\": true"), Encoding.UTF8, "application/json");

        var response = await Client.PostAsync("/api/reports", content);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body, Does.Not.Contain("Vilgot").And.Not.Contain("Sandqvist"));
        Assert.That(body, Does.Contain("Unknown field at line 1, byte"));
    }

    [Test]
    public async Task ErrorsNeverEchoTheSubmittedText()
    {
        const string secret = "Hemlig beskrivning som inte får ekas";
        var response = await Client.PostAsJsonAsync("/api/reports", SampleReports.With("description", secret + new string('.', 4000)));

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body, Does.Not.Contain("Hemlig"));
    }

    [Test]
    public async Task RefusesAPersonnummerWithItsOffsets()
    {
        const string description = "Pappans pnr enligt systemet: 780402-4714. Han delar ut flygblad.";
        var report = SampleReports.Valid(description);
        report["confirmNoIdentifiers"] = true; // a blocking kind cannot be confirmed away

        var response = await Client.PostAsJsonAsync("/api/reports", report);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var finding = body.RootElement.GetProperty("findings")[0];
        Assert.Multiple(() =>
        {
            Assert.That(finding.GetProperty("kind").GetString(), Is.EqualTo("personnummer"));
            Assert.That(finding.GetProperty("start").GetInt32(), Is.EqualTo(description.IndexOf("780402", StringComparison.Ordinal)));
            Assert.That(finding.GetProperty("end").GetInt32(), Is.EqualTo(description.IndexOf("780402", StringComparison.Ordinal) + 11));
            Assert.That(finding.GetProperty("blocking").GetBoolean(), Is.True);
            Assert.That(body.RootElement.ToString(), Does.Not.Contain("4714"));
        });
    }

    [Test]
    public async Task AWarningOnlyKindIsAcceptedOnceConfirmed()
    {
        const string description = "Bilen KZP 604 stod utanför skolan hela veckan.";

        var unconfirmed = await Client.PostAsJsonAsync("/api/reports", SampleReports.Valid(description));
        var confirmedReport = SampleReports.Valid(description);
        confirmedReport["confirmNoIdentifiers"] = true;
        var confirmed = await Client.PostAsJsonAsync("/api/reports", confirmedReport);

        Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        using var body = JsonDocument.Parse(await unconfirmed.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("findings")[0].GetProperty("blocking").GetBoolean(), Is.False);
        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task StoresEveryConcurrentSubmitWithUniqueReferences()
    {
        var before = CountRows("SELECT COUNT(*) FROM \"Reports\"");
        var receipts = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var response = await Client.PostAsJsonAsync("/api/reports", SampleReports.Valid($"Rapport nummer {i} om klistermärken."), ct);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            receipts.Add(body.RootElement.GetProperty("receipt").GetString()!);
        });

        Assert.Multiple(() =>
        {
            Assert.That(receipts.Distinct().Count(), Is.EqualTo(200));
            Assert.That(CountRows("SELECT COUNT(*) FROM \"Reports\"") - before, Is.EqualTo(200));
            Assert.That(CountRows("SELECT COUNT(*) FROM (SELECT \"ReferenceYear\", \"ReferenceNumber\" FROM \"Reports\" GROUP BY 1, 2 HAVING COUNT(*) > 1) AS duplicates"), Is.Zero);
            Assert.That(CountRows("SELECT COUNT(*) FROM \"Outbox\""), Is.EqualTo(CountRows("SELECT COUNT(*) FROM \"Reports\"")), "one alert per report, in the same transaction");
        });
    }

    private long CountRows(string sql)
    {
        using var connection = Host.OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static async Task AssertValidationProblem(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        using var body = JsonDocument.Parse(text);
        var errors = body.RootElement.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Does.Contain(field), text);
    }
}
