using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Encryption;
using Reporting.Tests.Support;

namespace Reporting.Tests.Infrastructure.Encryption;

[TestFixture]
public sealed class KeyRotationTests
{
    private sealed class Interrupted : Exception;

    private static readonly int StoredSecretCount = Reporting.Infrastructure.Persistence.Records.StoredSecret.All.Count;

    private static Dictionary<string, long> ReportsByKey(string folder)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "reporting.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT KeyId, COUNT(*) FROM Reports GROUP BY KeyId";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>();
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static async Task<int> TotalAsync(ReportingHost host)
    {
        using var scope = host.Services.CreateScope();
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"));
        var summary = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new BuildQuarterSummaryQuery("test", Quarter.Of(DateOnly.FromDateTime(today.DateTime))));
        return summary.Total;
    }

    [Test]
    public async Task ARotationInterruptedHalfWayStillReadsEverythingAndResumes()
    {
        using var folder = new TempFolder();
        var keyFile = folder.File("keys", "reporting.key");
        using (var host = new ReportingHost(folder.Path))
        {
            for (var i = 0; i < 7; i++)
            {
                Assert.That((await host.SubmitAsync(SampleReports.Valid())).StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            var rotation = host.Services.GetRequiredService<KeyRotation>();
            await Assert.ThrowsAsync<Interrupted>(() => rotation.RotateAsync(2, (done, _) => throw new Interrupted(), CancellationToken.None));
        }

        var keys = KeyFile.Read(keyFile);
        Assert.That(keys, Has.Count.EqualTo(2), "the new key version was added");
        var halfWay = ReportsByKey(folder.Path);
        Assert.That(halfWay[keys[1].Id], Is.EqualTo(2), "one batch was re-wrapped before the interruption");
        Assert.That(halfWay[keys[0].Id], Is.EqualTo(5));

        using (var restarted = new ReportingHost(folder.Path))
        {
            Assert.That(await TotalAsync(restarted), Is.EqualTo(7), "both key versions read during the rotation");
            var outcome = await restarted.Services.GetRequiredService<KeyRotation>().RotateAsync(2, null, CancellationToken.None);
            Assert.That(outcome.AddedKey, Is.False, "resumed");
            Assert.That(outcome.Rewrapped["report keys"], Is.EqualTo(5));
            Assert.That(outcome.Rewrapped["database secrets"], Is.EqualTo(StoredSecretCount));
        }

        Assert.That(KeyFile.Read(keyFile), Has.Count.EqualTo(2), "resuming adds no further key");
        Assert.That(ReportsByKey(folder.Path), Is.EqualTo(new Dictionary<string, long> { [keys[1].Id] = 7 }));
        using var afterwards = new ReportingHost(folder.Path);
        Assert.That(await TotalAsync(afterwards), Is.EqualTo(7));
    }

    [Test]
    public async Task ARotationRewrapsSituationPicturesAndSurveys_AndTheyStillRead()
    {
        using var folder = new TempFolder();
        var year = DateTime.UtcNow.Year;
        string surveyId;
        using (var host = new ReportingHost(folder.Path))
        {
            using var scope = host.Services.CreateScope();
            var mediator = scope.ServiceProvider.GetRequiredService<Mediator.IMediator>();
            var saved = await mediator.Send(new Reporting.Features.SituationPictures.SaveSituationPictureCommand("test", year,
                new Reporting.Features.SituationPictures.SaveSituationPictureRequest(year, 0, [], new Reporting.Features.SituationPictures.SituationAssessments(
                    "Läget är oförändrat.", null, null, null, null, null), true)));
            Assert.That(saved.Result, Is.EqualTo(Reporting.Features.SituationPictures.SaveSituationPictureResult.Saved));
            var opened = await mediator.Send(new Reporting.Features.Surveys.OpenSurveyCommand("test",
                new Reporting.Features.Surveys.OpenSurveyRequest(year, DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null)));
            surveyId = opened.Id.ToString();
            var answered = await mediator.Send(new Reporting.Features.Surveys.AnswerSurveyCommand(surveyId, new Reporting.Features.Surveys.SurveyAnswerRequest(
                null, "grundskola", new Dictionary<string, string?> { ["white-power"] = "once", ["autonomous"] = "never", ["islamist"] = "never" }, ["stickers"], "yes", "no", null, null)));
            Assert.That(answered.Result, Is.EqualTo(Reporting.Features.Surveys.AnswerResult.Saved));
        }

        var oldKey = KeyFile.Read(folder.File("keys", "reporting.key"))[0].Id;
        using (var rotating = new ReportingHost(folder.Path))
        {
            var rotation = rotating.Services.GetRequiredService<KeyRotation>();
            var outcome = await rotation.RotateAsync(10, null, CancellationToken.None);
            Assert.That(outcome.Rewrapped["situation-picture keys"], Is.EqualTo(1));
            Assert.That(outcome.Rewrapped["survey keys"], Is.EqualTo(1));
            Assert.That(await rotation.ReferencesAsync(oldKey, CancellationToken.None), Is.Empty, "nothing names the old key any more");
        }

        // Results show answers only once the survey has closed; one answer is shown with suppression off.
        using var afterwards = new ReportingHost(folder.Path, new Dictionary<string, string?> { ["Summaries:SuppressBelow"] = "1" });
        using var reading = afterwards.Services.CreateScope();
        var reader = reading.ServiceProvider.GetRequiredService<Mediator.IMediator>();
        var picture = await reader.Send(new Reporting.Features.SituationPictures.GetSituationPictureQuery("test", year));
        await reader.Send(new Reporting.Features.Surveys.CloseSurveyCommand("test", surveyId));
        var results = await reader.Send(new Reporting.Features.Surveys.GetSurveyResultsQuery("test", surveyId, SummaryVariant.Internal));
        Assert.That(picture.Assessments.Overall, Is.EqualTo("Läget är oförändrat."));
        Assert.That(results!.Responses.Value, Is.EqualTo(1));
        Assert.That(results.Answers!.Observations["stickers"].Value, Is.EqualTo(1));
    }

    [Test]
    public async Task TheRotateVerbAddsAKeyVersionAndRewrapsEveryReport()
    {
        using var folder = new TempFolder();
        using (var host = new ReportingHost(folder.Path))
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.That((await host.SubmitAsync(SampleReports.Valid())).StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }
        }

        var before = KeyFile.Read(folder.File("keys", "reporting.key"));

        var result = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "keys", "rotate");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("re-wrapped 3 report keys"));
        Assert.That(result.Output, Does.Contain($"{StoredSecretCount} database secrets"));
        var after = KeyFile.Read(folder.File("keys", "reporting.key"));
        Assert.That(after, Has.Count.EqualTo(before.Count + 1));
        Assert.That(ReportsByKey(folder.Path).Keys, Is.EqualTo(new[] { after[^1].Id }));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(folder.File("keys", "reporting.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Test]
    public async Task WithAnInlineKeyRotationSaysHowAndRewrapsWhatThePreviousKeyWrapped()
    {
        using var folder = new TempFolder();
        var oldKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var newKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using (var host = new ReportingHost(folder.Path, new Dictionary<string, string?> { ["Encryption:Key"] = oldKey }))
        {
            Assert.That((await host.SubmitAsync(SampleReports.Valid())).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var nothingToDo = await ServiceProcess.RunAsync(new Dictionary<string, string> { ["Storage__DataDirectory"] = folder.Path, ["Encryption__Key"] = oldKey }, "keys", "rotate");
        Assert.That(nothingToDo.ExitCode, Is.Zero, nothingToDo.Error);
        Assert.That(nothingToDo.Output, Does.Contain("Encryption:PreviousKeys"), "says how to rotate with a key from a secret store");

        var rotated = new Dictionary<string, string> { ["Storage__DataDirectory"] = folder.Path, ["Encryption__Key"] = newKey, ["Encryption__PreviousKeys__0"] = oldKey };
        var rotation = await ServiceProcess.RunAsync(rotated, "keys", "rotate");
        Assert.That(rotation.ExitCode, Is.Zero, rotation.Error);
        Assert.That(rotation.Output, Does.Contain("1 report keys"));
        var newKeyId = new KeyEncryptionKey(Convert.FromBase64String(newKey)).Id;
        Assert.That(ReportsByKey(folder.Path).Keys, Is.EqualTo(new[] { newKeyId }));

        var retired = await ServiceProcess.RunAsync(rotated, "keys", "retire", "--version", "1");
        Assert.That(retired.ExitCode, Is.Zero, retired.Error);
        Assert.That(retired.Output, Does.Contain("remove it from Encryption:PreviousKeys"));

        using var withoutOldKey = new ReportingHost(folder.Path, new Dictionary<string, string?> { ["Encryption:Key"] = newKey });
        Assert.That(await TotalAsync(withoutOldKey), Is.EqualTo(1), "everything reads under the new key alone");
    }

    [Test]
    public async Task RotationRewrapsAuthenticatorAndSessionKeysAndARunningInstanceKeepsReading()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path);
        var coordinator = await CoordinatorAccess.EnrolAsync(host, "rotation@kommun.example");
        using var client = await CoordinatorAccess.SignInAsync(host, coordinator); // a session key now exists
        Assert.That((await host.SubmitAsync(SampleReports.Valid())).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var oldKey = KeyFile.Read(folder.File("keys", "reporting.key"))[0].Id;

        // The rotation runs beside the running instance, as `keys rotate` from the command line would.
        var result = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "keys", "rotate");
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("1 authenticator keys").And.Contain("session keys"));
        var references = await host.Services.GetRequiredService<KeyRotation>().ReferencesAsync(oldKey, CancellationToken.None);
        Assert.That(references, Is.Empty, "nothing names the old key any more");

        // The running instance reads the re-wrapped report and accepts its session without a restart.
        using var list = await client.GetAsync("/api/reports");
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK), await list.Content.ReadAsStringAsync());
        Assert.That(await TotalAsync(host), Is.EqualTo(1));

        // A new sign-in with the authenticator works, its key now sealed under the new version.
        using var again = await CoordinatorAccess.SignInAsync(host, coordinator);
    }

    [Test]
    public async Task AKeyVersionIsRetiredOnlyWhenNothingUsesIt()
    {
        using var folder = new TempFolder();
        using (var host = new ReportingHost(folder.Path))
        {
            Assert.That((await host.SubmitAsync(SampleReports.Valid())).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var environment = ServiceProcess.EnvironmentFor(folder);
        var current = await ServiceProcess.RunAsync(environment, "keys", "retire", "--version", "1");
        Assert.That(current.ExitCode, Is.Not.Zero);
        Assert.That(current.Error, Does.Contain("current key"));

        // A second key is added by hand (as if a rotation stopped before re-wrapping anything).
        var keyFile = folder.File("keys", "reporting.key");
        var keys = KeyFile.Read(keyFile).ToList();
        KeyFile.Write(keyFile, [.. keys, KeyEncryptionKey.Generate()]);
        var stillUsed = await ServiceProcess.RunAsync(environment, "keys", "retire", "--version", "1");
        Assert.That(stillUsed.ExitCode, Is.Not.Zero);
        Assert.That(stillUsed.Error, Does.Contain("still used by").And.Contain("1 reports"));
        Assert.That(stillUsed.Error.Trim().Split('\n'), Has.Length.EqualTo(1));

        var rotated = await ServiceProcess.RunAsync(environment, "keys", "rotate");
        Assert.That(rotated.ExitCode, Is.Zero, rotated.Error);
        var retired = await ServiceProcess.RunAsync(environment, "keys", "retire", "--version", "1");
        Assert.That(retired.ExitCode, Is.Zero, retired.Error);
        Assert.That(KeyFile.Read(keyFile).Select(k => k.Id), Does.Not.Contain(keys[0].Id), "the old key is gone from the file");

        using var afterwards = new ReportingHost(folder.Path);
        Assert.That(await TotalAsync(afterwards), Is.EqualTo(1), "everything reads without the retired key");
    }
}
