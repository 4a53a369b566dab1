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
        var summary = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new BuildQuarterSummaryQuery(Quarter.Of(DateOnly.FromDateTime(today.DateTime))));
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
            Assert.That(outcome.Resumed, Is.True);
            Assert.That(outcome.Rewrapped, Is.EqualTo(5));
        }

        Assert.That(KeyFile.Read(keyFile), Has.Count.EqualTo(2), "resuming adds no further key");
        Assert.That(ReportsByKey(folder.Path), Is.EqualTo(new Dictionary<string, long> { [keys[1].Id] = 7 }));
        using var afterwards = new ReportingHost(folder.Path);
        Assert.That(await TotalAsync(afterwards), Is.EqualTo(7));
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
        var after = KeyFile.Read(folder.File("keys", "reporting.key"));
        Assert.That(after, Has.Count.EqualTo(before.Count + 1));
        Assert.That(ReportsByKey(folder.Path).Keys, Is.EqualTo(new[] { after[^1].Id }));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(folder.File("keys", "reporting.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Test]
    public async Task RotationRefusesAnInlineKeyWithAReason()
    {
        using var folder = new TempFolder();
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var result = await ServiceProcess.RunAsync(new Dictionary<string, string> { ["Storage__DataDirectory"] = folder.Path, ["Encryption__Key"] = key }, "keys", "rotate");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("Encryption:KeyFile"));
    }
}
