using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using FsCheck;
using FsCheck.Fluent;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Retention;
using Reporting.Features.Surveys;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Retention;

/// <summary>
/// Gallring per record class under named decisions: each class goes after its own months, a held report
/// keeps everything, an open report loses nothing, every run writes a gallringslogg line per class, and
/// the preview says exactly what the run then deletes (a property over generated cases).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RetentionClassesTests
{
    private static readonly Dictionary<string, string?> Classes = new()
    {
        ["Retention:Classes:0:Records"] = "reports",
        ["Retention:Classes:0:Months"] = "24",
        ["Retention:Classes:0:Decision"] = "Gallringsbeslut SN 2026/17 § 4, rapporter",
        ["Retention:Classes:1:Records"] = "messages",
        ["Retention:Classes:1:Months"] = "6",
        ["Retention:Classes:1:Decision"] = "Gallringsbeslut SN 2026/17 § 5, meddelanden",
        ["Retention:Classes:2:Records"] = "photos",
        ["Retention:Classes:2:Months"] = "3",
        ["Retention:Classes:2:Decision"] = "Gallringsbeslut SN 2026/17 § 6, foton",
        ["Retention:Classes:3:Records"] = "survey-answers",
        ["Retention:Classes:3:Months"] = "12",
        ["Retention:Classes:3:Decision"] = "Gallringsbeslut SN 2026/17 § 7, enkätsvar",
    };

    private static readonly DateOnly Today = new(2026, 11, 27);

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

    private static async Task<string> SubmitAsync(ReportingHost host, bool photo)
    {
        HttpResponseMessage response;
        if (photo)
        {
            using var client = host.CreateClient();
            var part = new ByteArrayContent(Photos.TestImages.Jpeg(64, 48));
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            using var form = new MultipartFormDataContent
            {
                { new StringContent(System.Text.Json.JsonSerializer.Serialize(SampleReports.Valid(occurredOn: "2026-11-20")), System.Text.Encoding.UTF8, "application/json"), "report" },
                { part, "photos", "foto.jpg" },
            };
            response = await client.PostAsync("/api/reports", form);
        }
        else
        {
            response = await host.SubmitAsync(SampleReports.Valid(occurredOn: "2026-11-20"));
        }

        using (response)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        return Scalar(host, "SELECT Id FROM Reports ORDER BY ReferenceNumber DESC LIMIT 1")!;
    }

    private static string? Scalar(ReportingHost host, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar()?.ToString();
    }

    private static int Count(ReportingHost host, string sql, params (string Name, object Value)[] parameters) =>
        int.Parse(Scalar(host, sql, parameters)!, CultureInfo.InvariantCulture);

    private static void Close(ReportingHost host, string id, DateOnly closedOn, bool hold = false) =>
        Scalar(host, "UPDATE Reports SET Status = 'closed', ClosedOn = $day, RetentionHold = $hold WHERE Id = $id",
            ("$day", closedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$hold", hold ? 1 : 0), ("$id", id));

    private static async Task MessageAsync(ReportingHost host, string id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new Reporting.Features.Reports.SendMessageCommand("samordnare@kommun.example", Guid.Parse(id), "Tack, vi tittar på det.", null));
        Assert.That(outcome.Result, Is.EqualTo(Reporting.Features.Reports.SendMessageResult.Sent));
    }

    [Test]
    public async Task EachClassGoesAfterItsOwnTimeAndAHeldReportKeepsEverything()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, Classes, Clock());
        var old = await SubmitAsync(host, photo: true);          // closed 30 months ago: all of it goes
        var middle = await SubmitAsync(host, photo: true);       // closed 8 months ago: messages and photos go, the report stays
        var recent = await SubmitAsync(host, photo: true);       // closed 2 months ago: nothing goes
        var held = await SubmitAsync(host, photo: true);         // closed 30 months ago but held: nothing goes
        var open = await SubmitAsync(host, photo: true);         // open: nothing goes
        foreach (var id in new[] { old, middle, recent, held, open })
        {
            await MessageAsync(host, id);
        }

        Close(host, old, Today.AddMonths(-30));
        Close(host, middle, Today.AddMonths(-8));
        Close(host, recent, Today.AddMonths(-2));
        Close(host, held, Today.AddMonths(-30), hold: true);
        var job = host.Services.GetRequiredService<RetentionJob>();

        var preview = await job.PreviewAsync(CancellationToken.None);
        var deleted = await job.RunOnceAsync(CancellationToken.None);

        Assert.That(deleted, Is.EqualTo(1), "one report");
        Assert.That(Count(host, "SELECT COUNT(*) FROM Reports WHERE Id = $id", ("$id", old)), Is.Zero);
        Assert.That(Count(host, "SELECT COUNT(*) FROM Reports"), Is.EqualTo(4));
        Assert.That(Count(host, "SELECT COUNT(*) FROM ReportMessages WHERE ReportId = $id", ("$id", middle)), Is.Zero, "messages after 6 months");
        Assert.That(Count(host, "SELECT COUNT(*) FROM ReportPhotos WHERE ReportId = $id", ("$id", middle)), Is.Zero, "photos after 3 months");
        Assert.That(Count(host, "SELECT COUNT(*) FROM ReportPhotos WHERE ReportId = $id", ("$id", recent)), Is.EqualTo(1), "not yet 3 months");
        foreach (var kept in new[] { held, open })
        {
            Assert.That(Count(host, "SELECT COUNT(*) FROM ReportMessages WHERE ReportId = $id", ("$id", kept)), Is.EqualTo(1));
            Assert.That(Count(host, "SELECT COUNT(*) FROM ReportPhotos WHERE ReportId = $id", ("$id", kept)), Is.EqualTo(1));
        }

        Assert.That(Count(host, "SELECT COUNT(*) FROM ReportNotes"), Is.Zero, "notes have no class here: none existed, none were made");
        var byClass = preview.ToDictionary(p => p.Records);
        Assert.That(byClass["reports"].Count, Is.EqualTo(1));
        Assert.That(byClass["messages"].Count, Is.EqualTo(2), "the old report's and the middle one's");
        Assert.That(byClass["photos"].Count, Is.EqualTo(2), "the old report's and the middle one's; the recent one was closed 2 months ago");
        Assert.That(byClass["messages"].Of, Has.Count.EqualTo(2), "by reference");

        await using var scope = host.Services.CreateAsyncScope();
        var log = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReadRetentionLogQuery("test"));
        // The run at start-up found nothing and said so: every run writes a line per class, zero or not.
        Assert.That(log.Where(l => l.Count > 0).Select(l => (l.Records, l.Count)), Is.EquivalentTo(new[] { ("messages", 2), ("photos", 2), ("reports", 1) }));
        Assert.That(log.Select(l => l.Records).Distinct(), Is.EquivalentTo(new[] { "messages", "photos", "reports", "survey-answers" }));
        Assert.That(log.First(l => l.Records == "reports" && l.Count > 0).Decision, Is.EqualTo("Gallringsbeslut SN 2026/17 § 4, rapporter"));
        Assert.That(log.All(l => l.Day == Today), Is.True);
    }

    [Test]
    public async Task SurveyAnswersGoAYearAfterTheSurveyClosed()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, Classes, Clock());
        OpenedSurvey survey;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            survey = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new OpenSurveyCommand("test", new OpenSurveyRequest(2026, "2026-12-10", 2)));
        }

        using (var client = host.CreateClient())
        using (var answered = await client.PostAsJsonAsync($"/api/surveys/{survey.Id}/answers", new
        {
            code = survey.Codes[0],
            unit = "grundskola",
            observed = new Dictionary<string, string> { ["white-power"] = "once", ["autonomous"] = "never", ["islamist"] = "never" },
            observations = new[] { "stickers" },
            knowsWhereToTurn = "yes",
            trained = "no",
        }))
        {
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await answered.Content.ReadAsStringAsync());
        }

        var job = host.Services.GetRequiredService<RetentionJob>();
        Assert.That((await job.PreviewAsync(CancellationToken.None)).Single(l => l.Records == "survey-answers").Count, Is.Zero, "an open survey keeps its answers");

        Scalar(host, "UPDATE Surveys SET ClosedOn = '2025-10-01' WHERE Id = $id", ("$id", survey.Id.ToString().ToUpperInvariant()));
        var preview = (await job.PreviewAsync(CancellationToken.None)).Single(l => l.Records == "survey-answers");
        Assert.That((preview.Count, preview.Of), Is.EqualTo((1, (IReadOnlyList<string>)["enkät 2026"])).Using<(int, IReadOnlyList<string>)>((a, b) => a.Item1 == b.Item1 && a.Item2.SequenceEqual(b.Item2)));
        await job.RunOnceAsync(CancellationToken.None);
        Assert.That(Count(host, "SELECT COUNT(*) FROM SurveyAnswers"), Is.Zero);
    }

    /// <summary>One generated report: closed so many days ago (null: open), held or not, with a message and a photo or not.</summary>
    public sealed record Case(int? ClosedDaysAgo, bool Hold, bool Message, bool Photo);

    [Test]
    public void ThePreviewSaysWhatTheRunDeletes()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, Classes, Clock());
        var cases = Gen.Choose(1, 4).SelectMany(n => Gen.ListOf(
            from closed in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(0, 1100).Select(d => (int?)d))
            from hold in Gen.Elements(false, false, true)
            from message in ArbMap.Default.GeneratorFor<bool>()
            from photo in ArbMap.Default.GeneratorFor<bool>()
            select new Case(closed, hold, message, photo), n));
        var property = Prop.ForAll(cases.ToArbitrary(), generated =>
        {
            foreach (var report in generated)
            {
                var id = SubmitAsync(host, report.Photo).GetAwaiter().GetResult();
                if (report.Message)
                {
                    MessageAsync(host, id).GetAwaiter().GetResult();
                }

                if (report.ClosedDaysAgo is { } days)
                {
                    Close(host, id, Today.AddDays(-days), report.Hold);
                }
            }

            var job = host.Services.GetRequiredService<RetentionJob>();
            var preview = job.PreviewAsync(CancellationToken.None).GetAwaiter().GetResult().ToDictionary(p => p.Records, p => p.Count);
            var before = (Reports: Count(host, "SELECT COUNT(*) FROM Reports"), Messages: Count(host, "SELECT COUNT(*) FROM ReportMessages"), Photos: Count(host, "SELECT COUNT(*) FROM ReportPhotos"));
            var deleted = job.RunOnceAsync(CancellationToken.None).GetAwaiter().GetResult();
            var after = (Reports: Count(host, "SELECT COUNT(*) FROM Reports"), Messages: Count(host, "SELECT COUNT(*) FROM ReportMessages"), Photos: Count(host, "SELECT COUNT(*) FROM ReportPhotos"));
            var again = job.PreviewAsync(CancellationToken.None).GetAwaiter().GetResult();
            return preview["reports"] == deleted && deleted == before.Reports - after.Reports
                && preview["messages"] == before.Messages - after.Messages
                && preview["photos"] == before.Photos - after.Photos
                && again.All(l => l.Count == 0);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(12), property);
    }

    [Test]
    public async Task TheCommandLinePreviewListsTheClassesAndDeletesNothing()
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string> { ["Storage__DataDirectory"] = folder.Path };
        var off = await ServiceProcess.RunAsync(environment, "retention", "preview");
        Assert.That(off.ExitCode, Is.Zero, off.Error);
        Assert.That(off.Output, Does.Contain("Retention is off"));

        foreach (var (key, value) in Classes)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        var on = await ServiceProcess.RunAsync(environment, "retention", "preview");
        Assert.That(on.ExitCode, Is.Zero, on.Error);
        Assert.That(on.Output, Does.Contain("reports: 0 to delete (24 months; Gallringsbeslut SN 2026/17 § 4, rapporter)"));
        Assert.That(on.Output.Split('\n').Where(l => l.Contains(" to delete ", StringComparison.Ordinal)).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]),
            Is.EqualTo(new[] { "messages", "photos", "reports", "survey-answers" }), "in the order a run applies them");

        var unknown = await ServiceProcess.RunAsync(environment, "retention", "purge");
        Assert.That(unknown.ExitCode, Is.Not.Zero, "an unknown verb is refused, nothing runs");
    }
}
