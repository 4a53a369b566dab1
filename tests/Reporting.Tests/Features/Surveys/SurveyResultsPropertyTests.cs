using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Surveys;

/// <summary>
/// Generated answers posted through the API (each case its own survey year, from 2000 on): the
/// internal results are exactly the counts of what was answered, and the shareable results show
/// each count as itself or as a mark, "&lt;3" exactly for counts of 1 and 2.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SurveyResultsPropertyTests
{
    private static readonly string[] Units = ["forskola", "grundskola", "fritidsgard"];
    private static readonly string[] Frequencies = ["never", "once", "several", "often"];
    private static readonly string[] Environments = ["white-power", "autonomous", "islamist"];
    private static readonly string[] Observations = ["stickers", "graffiti", "online", "threats"];
    private static readonly string[] YesNoUnsure = ["yes", "no", "unsure"];
    private static readonly string[] YesNo = ["yes", "no"];
    private static TempFolder _folder = null!;
    private static ReportingHost _host = null!;
    private static HttpClient _signedIn = null!;
    private static int _year = 1999;

    [OneTimeSetUp]
    public async Task Start()
    {
        _folder = new TempFolder();
        // Every generated answer comes from the one test client; the intake limit is not what is tested here.
        _host = new ReportingHost(_folder.Path, new Dictionary<string, string?> { ["RateLimiting:PerClientPermitLimit"] = "100000" });
        _signedIn = await CoordinatorAccess.SignInAsync(_host, await CoordinatorAccess.EnrolAsync(_host, "egenskaper@kommun.example"));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _signedIn?.Dispose();
        _host?.Dispose();
        _folder?.Dispose();
    }

    private sealed record Generated(string Unit, string[] Observed, string[] Observations, string Knows, string Trained);

    private static Gen<Generated[]> GeneratedAnswers() =>
        Gen.ArrayOf(
            from unit in Gen.Elements(Units)
            from observed in Gen.ArrayOf(Gen.Elements(Frequencies), 3)
            from observations in Gen.SubListOf(Observations)
            from knows in Gen.Elements(YesNoUnsure)
            from trained in Gen.Elements(YesNo)
            select new Generated(unit, observed, [.. observations], knows, trained))
        .Where(a => a.Length <= 12);

    [FsCheck.NUnit.Property(MaxTest = 10)]
    public Property TheResultsAreTheAnswers() =>
        Prop.ForAll(GeneratedAnswers().ToArbitrary(), answers =>
        {
            var year = Interlocked.Increment(ref _year);
            var (id, codes) = OpenAsync(year, Math.Max(1, answers.Length)).GetAwaiter().GetResult();
            using var anonymous = _host.CreateClient();
            for (var i = 0; i < answers.Length; i++)
            {
                var a = answers[i];
                using var posted = anonymous.PostAsJsonAsync($"/api/surveys/{id}/answers", new
                {
                    code = codes[i],
                    unit = a.Unit,
                    observed = Environments.Select((e, n) => (e, n)).ToDictionary(p => p.e, p => a.Observed[p.n]),
                    observations = a.Observations,
                    knowsWhereToTurn = a.Knows,
                    trained = a.Trained,
                }).GetAwaiter().GetResult();
                Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            CloseAsync(id).GetAwaiter().GetResult();
            var intern = _signedIn.GetFromJsonAsync<JsonElement>($"/api/surveys/{id}/results?variant=internal").GetAwaiter().GetResult();
            var shareable = _signedIn.GetFromJsonAsync<JsonElement>($"/api/surveys/{id}/results?variant=shareable").GetAwaiter().GetResult();
            if (answers.Length < 3)
            {
                // Closed with fewer answers than SuppressBelow: withheld in both variants.
                var withheld = new[] { intern, shareable }.All(r => r.GetProperty("withheld").GetBoolean() && !r.TryGetProperty("answers", out _) && !r.TryGetProperty("comments", out _));
                return withheld.Label($"year {year}, {answers.Length} answers: withheld {withheld}");
            }

            var expected = new List<(string Path, int Count)> { ("responses", answers.Length) };
            expected.AddRange(Units.Where(u => answers.Any(a => a.Unit == u)).Select(u => ($"byUnit.{u}", answers.Count(a => a.Unit == u))));
            for (var n = 0; n < Environments.Length; n++)
            {
                expected.AddRange(Frequencies.Select(f => ($"answers.observed.{Environments[n]}.{f}", answers.Count(a => a.Observed[n] == f))));
            }

            expected.AddRange(Observations.Select(o => ($"answers.observations.{o}", answers.Count(a => a.Observations.Contains(o)))));
            expected.AddRange(YesNoUnsure.Select(k => ($"answers.knowsWhereToTurn.{k}", answers.Count(a => a.Knows == k))));
            expected.AddRange(YesNo.Select(t => ($"answers.trained.{t}", answers.Count(a => a.Trained == t))));

            var exact = expected.All(e => At(intern, e.Path).GetInt32() == e.Count);
            var suppressed = expected.All(e => At(shareable, e.Path) is var shown
                && (shown.ValueKind == JsonValueKind.Number ? shown.GetInt32() == e.Count && e.Count is 0 or >= 3
                    : shown.GetString() == "<3" ? e.Count is 1 or 2
                    : shown.GetString() == "x" && e.Count >= 3));
            // A unit with fewer than 3 answers is not broken down, nor enough others that the hidden ones together cannot be worked out.
            var present = Units.Where(u => answers.Any(a => a.Unit == u)).ToList();
            var hiddenUnits = present.Where(u => shareable.GetProperty("units").GetProperty(u).ValueKind == JsonValueKind.Null).ToList();
            var hiddenAnswers = hiddenUnits.Sum(u => answers.Count(a => a.Unit == u));
            var unitsHidden = present.All(u => answers.Count(a => a.Unit == u) >= 3 || hiddenUnits.Contains(u))
                && (hiddenAnswers == 0 || hiddenAnswers >= 3 || hiddenUnits.Count == present.Count);
            return (exact && suppressed && unitsHidden).Label($"year {year}, {answers.Length} answers: exact {exact}, suppressed {suppressed}, units {unitsHidden}");
        });

    private static JsonElement At(JsonElement root, string path)
    {
        foreach (var part in path.Split('.')) // environment codes hold dashes, not dots
        {
            root = root.GetProperty(part);
        }

        return root;
    }

    private static async Task CloseAsync(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/surveys/{id}/close") { Content = JsonContent.Create(new { }) };
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(_signedIn);
        request.Headers.Add(header, token);
        using var response = await _signedIn.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    private static async Task<(string Id, string[] Codes)> OpenAsync(int year, int codes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/surveys")
        {
            Content = JsonContent.Create(new { year, closesOn = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), codes }),
        };
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(_signedIn);
        request.Headers.Add(header, token);
        using var response = await _signedIn.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, [.. body.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)]);
    }
}
