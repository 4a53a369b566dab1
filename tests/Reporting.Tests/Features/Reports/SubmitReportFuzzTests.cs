using System.Text;
using System.Text.Json;
using Reporting.Tests.Features.StaffForm;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Reports;

/// <summary>Generated JSON bodies against the intake and the identifier check, for a bounded time: never a 5xx.</summary>
[TestFixture]
public sealed class SubmitReportFuzzTests
{
    [Test]
    public async Task FuzzedJsonNeverGivesAServerError()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path);
        using var client = host.CreateClient();
        var random = new Random(1127);
        var valid = JsonSerializer.Serialize(SampleReports.Valid());
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var requests = 0;
        while (DateTime.UtcNow < deadline && requests < 600)
        {
            var body = random.Next(4) switch
            {
                0 => Mutate(valid, random),
                1 => JsonSerializer.Serialize(SampleReports.With(RandomField(random), RandomValue(random))),
                2 => new string('[', random.Next(1, 200)) + new string(']', random.Next(0, 200)),
                _ => Fuzz.RandomText(random),
            };
            var bytes = random.Next(10) == 0 ? [.. Encoding.UTF8.GetBytes(body), 0xC3, 0x28, 0xFF] : Encoding.UTF8.GetBytes(body); // some invalid UTF-8
            var path = random.Next(3) == 0 ? "/api/identifier-check" : "/api/reports";
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

            var response = await client.PostAsync(path, content);

            Assert.That((int)response.StatusCode, Is.LessThan(500), $"request {requests} to {path}: {body[..Math.Min(body.Length, 200)]}");
            requests++;
        }

        Assert.That(requests, Is.GreaterThan(100));
    }

    private const string Noise = "{}[]\",:\\0a\u0000é";

    private static string Mutate(string json, Random random)
    {
        var chars = json.ToCharArray().ToList();
        for (var m = random.Next(1, 6); m > 0 && chars.Count > 0; m--)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, Noise[random.Next(Noise.Length)]); break;
                default: chars[at] = (char)random.Next(0x20, 0x7F); break;
            }
        }

        return new string([.. chars]);
    }

    private static string RandomField(Random random) =>
        new[] { "kind", "occurredOn", "unit", "area", "environment", "observations", "placeCategory", "ageGroup", "gender", "peopleInvolved", "actionsTaken", "description", "reporterContact", "confirmNoIdentifiers" }[random.Next(14)];

    private static object? RandomValue(Random random) => random.Next(7) switch
    {
        0 => null,
        1 => random.Next(),
        2 => random.NextDouble() > 0.5,
        3 => new[] { Fuzz.RandomText(random), Fuzz.RandomText(random) },
        4 => new Dictionary<string, object> { ["nested"] = Fuzz.RandomText(random) },
        5 => new object?[] { null, 1, "x" },
        _ => Fuzz.RandomText(random),
    };
}
