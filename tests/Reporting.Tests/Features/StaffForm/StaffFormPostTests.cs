using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.StaffForm;

/// <summary>The form post without a browser: bad input of every kind gets the page back naming the field, never a 500.</summary>
[TestFixture]
public sealed partial class StaffFormPostTests : HostFixture
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"formToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenField();

    internal static async Task<(HttpClient Client, string Token)> OpenFormAsync(ReportingHost host)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/");
        return (client, TokenField().Match(page).Groups[1].Value);
    }

    internal static List<KeyValuePair<string, string>> ValidForm(string token) =>
    [
        new("__RequestVerificationToken", token),
        new("kind", "incident"),
        new("occurredOn", "2026-11-20"),
        new("unit", "grundskola"),
        new("area", "unknown"),
        new("environment", "white-power"),
        new("observations", "stickers"),
        new("observations", "symbols"),
        new("description", "Klistermärken med solkors vid entrén."),
    ];

    private static List<KeyValuePair<string, string>> Replace(List<KeyValuePair<string, string>> form, string field, params string[] values)
    {
        var result = form.Where(p => p.Key != field).ToList();
        result.AddRange(values.Select(v => new KeyValuePair<string, string>(field, v)));
        return result;
    }

    private static IEnumerable<TestCaseData> BadForms()
    {
        (string Name, string Field, string[] Values)[] cases =
        [
            ("no kind", "kind", []), ("unknown kind", "kind", ["rumour"]), ("no date", "occurredOn", []), ("date in words", "occurredOn", ["igår"]),
            ("impossible date", "occurredOn", ["2026-13-01"]), ("future date", "occurredOn", ["2999-01-01"]), ("no unit", "unit", [""]),
            ("unknown unit", "unit", ["polisen"]), ("unknown area", "area", ["sodermalm"]), ("no environment", "environment", []),
            ("unknown environment", "environment", ["left"]), ("no observation", "observations", []), ("unknown observation", "observations", ["ufo"]),
            ("unknown place", "placeCategory", ["moon"]), ("unknown age group", "ageGroup", ["12"]), ("unknown gender", "gender", ["x"]),
            ("unknown people count", "peopleInvolved", ["many"]), ("unknown action", "actionsTaken", ["sapo"]), ("none and police", "actionsTaken", ["none", "police"]),
            ("empty description", "description", [""]), ("blank description", "description", ["   \n  "]), ("description too long", "description", [new string('a', 4001)]),
            ("control character", "description", ["Text \u0001 med kontrolltecken"]), ("bell in contact", "reporterContact", ["tel \u0007"]),
            ("contact too long", "reporterContact", [new string('k', 201)]),
        ];
        foreach (var (name, field, values) in cases)
        {
            yield return new TestCaseData(field, values).SetName($"ABadFormIsAnsweredWithTheFieldNamed({name})");
        }
    }

    [TestCaseSource(nameof(BadForms))]
    public async Task ABadFormIsAnsweredWithTheFieldNamed(string field, string[] values)
    {
        var (client, token) = await OpenFormAsync(Host);
        using var content = new FormUrlEncodedContent(Replace(ValidForm(token), field, values));

        var response = await client.PostAsync("/", content);

        var page = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(page, Does.Contain("class=\"error-summary\"").And.Contain($"href=\"#{field}\""));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task APostWithoutTheAntiForgeryTokenIsRefused()
    {
        var (client, token) = await OpenFormAsync(Host);
        using var content = new FormUrlEncodedContent(ValidForm(token).Where(p => p.Key != "__RequestVerificationToken"));

        var response = await client.PostAsync("/", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("receipt-code"));
    }

    [Test]
    public async Task AValidFormPostShowsTheReceiptAndNothingElseAboutTheReport()
    {
        var (client, token) = await OpenFormAsync(Host);
        using var content = new FormUrlEncodedContent(ValidForm(token));

        var response = await client.PostAsync("/", content);

        var page = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page, Does.Match("id=\"receipt-code\">\\d{4} \\d{4} \\d{4} \\d{4}<"));
        Assert.That(page, Does.Not.Contain("solkors"), "the receipt page repeats nothing of the report");
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task TheSameFormPostedTwiceStoresOneReport()
    {
        var client = Host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        using var get = await client.GetAsync("/");
        var page = await get.Content.ReadAsStringAsync();
        Assert.That(get.Headers.CacheControl?.NoStore, Is.True, "the form page is never kept by the browser");
        Assert.That(page, Does.Match("<form[^>]*autocomplete=\"off\"[^>]*id=\"report-form\""), "nor what was typed into it");
        var form = ValidForm(TokenField().Match(page).Groups[1].Value);
        form.Add(new("formToken", FormTokenField().Match(page).Groups[1].Value));
        var before = await ReportCountAsync();

        using var first = await client.PostAsync("/", new FormUrlEncodedContent(form));
        using var again = await client.PostAsync("/", new FormUrlEncodedContent(form));
        using var third = await client.PostAsync("/", new FormUrlEncodedContent(form));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await first.Content.ReadAsStringAsync(), Does.Contain("id=\"receipt-code\""));
        var second = await again.Content.ReadAsStringAsync();
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(second, Does.Contain("Rapporten är redan skickad").And.Not.Contain("receipt-code"), "a second post gets no receipt");
        Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await ReportCountAsync(), Is.EqualTo(before + 1), "one report for one form");

        // Two posts of one form at the same moment (a double click): still one report.
        using var fresh = await client.GetAsync("/");
        var freshPage = await fresh.Content.ReadAsStringAsync();
        var racing = ValidForm(TokenField().Match(freshPage).Groups[1].Value);
        racing.Add(new("formToken", FormTokenField().Match(freshPage).Groups[1].Value));
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsync("/", new FormUrlEncodedContent(racing))));
        Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(3));
        Assert.That(await ReportCountAsync(), Is.EqualTo(before + 2));
        var spent = await Host.ReadColumnAsync("SELECT SpentOn FROM SpentFormTokens");
        Assert.That(spent, Has.All.Match(@"^\d{4}-\d{2}-\d{2}$"), "a spent form is kept with its day, never a time");
    }

    [Test]
    public async Task AFormOpenForMoreThanTwoDaysIsShownAgainToSendAnew()
    {
        var (client, token) = await OpenFormAsync(Host);
        var old = Reporting.Features.Reports.FormToken.New(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-5));
        var form = ValidForm(token);
        form.Add(new("formToken", old));
        var before = await ReportCountAsync();

        using var response = await client.PostAsync("/", new FormUrlEncodedContent(form));
        var page = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(page, Does.Contain("öppet i mer än två dagar").And.Contain("Klistermärken med solkors"), "what was typed is kept");
        Assert.That(FormTokenField().Match(page).Groups[1].Value, Is.Not.EqualTo(old), "with a new token");
        Assert.That(await ReportCountAsync(), Is.EqualTo(before));
    }

    private async Task<int> ReportCountAsync() =>
        int.Parse((await Host.ReadColumnAsync("SELECT CAST(COUNT(*) AS TEXT) FROM Reports")).Single(), System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task FuzzedFormPostsNeverGiveAServerError()
    {
        var random = new Random(20261127);
        var fields = new[] { "kind", "occurredOn", "unit", "area", "environment", "observations", "placeCategory", "ageGroup", "gender", "peopleInvolved", "actionsTaken", "description", "reporterContact", "confirmNoIdentifiers", "replace", "lang", "unknown" };
        var (client, token) = await OpenFormAsync(Host);
        var deadline = DateTime.UtcNow.AddSeconds(8);
        var posts = 0;
        while (DateTime.UtcNow < deadline && posts < 300)
        {
            var form = ValidForm(token);
            for (var m = random.Next(1, 5); m > 0; m--)
            {
                form = Replace(form, fields[random.Next(fields.Length)], [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => Fuzz.RandomText(random))]);
            }

            using var content = new FormUrlEncodedContent(form);
            var response = await client.PostAsync("/", content);
            Assert.That((int)response.StatusCode, Is.LessThan(500), $"post {posts}: {string.Join('&', form.Select(p => p.Key))}");
            posts++;
        }

        Assert.That(posts, Is.GreaterThan(50));
    }
}

/// <summary>Generated hostile input for the fuzz tests, reproducible from a seed.</summary>
public static class Fuzz
{
    private static readonly string[] Pieces =
    [
        "", " ", "null", "0", "-1", "1e309", "true", "\"", "\\", "{", "}", "[", "]", "\u0000", "\u0007", "\u202e", "\ud800", "\udfff", "😀", "å", "<script>", "'; DROP TABLE Reports;--",
        "2026-02-30", "9999-12-31", "incident", "white-power", "stickers", "none", "811218-9876", "070-174 06 12", "a@b.se", new string('x', 5000), "%00", "../../etc/passwd",
    ];

    public static string RandomText(Random random)
    {
        var parts = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pieces[random.Next(Pieces.Length)]);
        return string.Concat(parts);
    }
}
