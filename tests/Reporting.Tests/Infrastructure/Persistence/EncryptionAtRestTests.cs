using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Summaries;
using System.Runtime.Versioning;
using Reporting.Tests.Support;

namespace Reporting.Tests.Infrastructure.Persistence;

/// <summary>What is on disk and in the logs after real submits, and what a restart or a wrong key does.</summary>
[TestFixture]
public sealed class EncryptionAtRestTests
{
    private const string Description = "Zebrafinken Ulvhedin visade en flagga vid busshållplatsen.";
    private const string Contact = "kontakt-xylofon@kommun.example";

    [Test]
    public async Task TheDatabaseItsWalAndTheLogsHoldNoSubmittedText()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path);
        var report = SampleReports.Valid(Description);
        report["reporterContact"] = Contact;
        report["confirmNoIdentifiers"] = true;

        var response = await host.SubmitAsync(report);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!;

        var onDisk = Directory.GetFiles(folder.Path, "reporting.db*").Select(File.ReadAllBytes).ToList();
        Assert.That(onDisk, Has.Count.GreaterThanOrEqualTo(2), "the database file and its WAL");
        foreach (var needle in new[] { "Zebrafinken", "Ulvhedin", "xylofon", "solkors", "busshållplatsen", receipt, receipt.Replace(" ", "", StringComparison.Ordinal) })
        {
            var utf8 = Encoding.UTF8.GetBytes(needle);
            var utf16 = Encoding.Unicode.GetBytes(needle);
            Assert.That(onDisk.Any(bytes => bytes.AsSpan().IndexOf(utf8) >= 0 || bytes.AsSpan().IndexOf(utf16) >= 0), Is.False, $"'{needle}' is on disk in clear");
            Assert.That(host.Logs.AllText, Does.Not.Contain(needle), $"'{needle}' reached a log line");
        }

        // The closed-list codes are content too: only workflow metadata may be in clear.
        Assert.That(onDisk.Any(bytes => bytes.AsSpan().IndexOf("white-power"u8) >= 0), Is.False, "a category code is on disk in clear");
    }

    [Test]
    public async Task ARestartWithTheRightKeyReadsEverythingBack()
    {
        using var folder = new TempFolder();
        using (var first = new ReportingHost(folder.Path))
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.That((await first.SubmitAsync(SampleReports.Valid())).StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }
        }

        using var second = new ReportingHost(folder.Path);
        using var scope = second.Services.CreateScope();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var summary = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new BuildQuarterSummaryQuery(Quarter.Of(today)));

        Assert.Multiple(() =>
        {
            Assert.That(summary.Total, Is.EqualTo(3));
            Assert.That(summary.ByEnvironment["white-power"], Is.EqualTo(3));
            Assert.That(summary.ByObservation["stickers"], Is.EqualTo(3));
        });
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public void TheKeyFileIsCreatedReadableByItsOwnerOnly()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path);
        _ = host.Server;

        var keyFile = folder.File("keys", "reporting.key");
        Assert.That(File.Exists(keyFile), Is.True);
        Assert.That(File.GetUnixFileMode(keyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(host.Logs.AllText, Does.Contain("Back it up"));
    }

    [Test]
    public async Task AWrongKeyRefusesToStartAndLeavesTheDatabaseUntouched()
    {
        using var folder = new TempFolder();
        var rightKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var environment = new Dictionary<string, string> { ["Storage__DataDirectory"] = folder.Path, ["Encryption__Key"] = rightKey };
        var created = await ServiceProcess.RunAsync(environment, "migrate");
        Assert.That(created.ExitCode, Is.Zero, created.Error);
        var database = folder.File("reporting.db");
        var before = SHA256.HashData(File.ReadAllBytes(database));

        environment["Encryption__Key"] = wrongKey;
        var refused = await ServiceProcess.RunAsync(environment, "migrate");

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.Not.Zero);
            Assert.That(refused.Error, Does.Contain("Encryption:Key").And.Contain("does not match"));
            Assert.That(refused.Error.Trim().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace");
            Assert.That(SHA256.HashData(File.ReadAllBytes(database)), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task TheExampleSettingsFileStartsTheService()
    {
        using var folder = new TempFolder();
        var example = Path.Combine(ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory), "appsettings.example.json");
        File.Copy(example, folder.File("appsettings.json"));

        var result = await ServiceProcess.RunInAsync(folder.Path, new Dictionary<string, string>(), "migrate");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(File.Exists(folder.File("data", "reporting.db")), Is.True, "{DataDirectory} resolved under the content root");
    }

    [TestCase("Organisation__TimeZone", "Mars/Olympus", "Organisation:TimeZone")]
    [TestCase("Encryption__Key", "not-base64!", "Encryption:Key")]
    [TestCase("Encryption__Key", "c2hvcnQ=", "Encryption:Key")]
    [TestCase("Database__Provider", "Oracle", "Database:Provider")]
    [TestCase("Database__Provider", "PostgreSQL", "ConnectionStrings:Reporting")]
    [TestCase("Summaries__SuppressBelow", "0", "Summaries:SuppressBelow")]
    [TestCase("Organisation__Units__0__Code", "", "Organisation:Units:0")]
    [TestCase("Notifications__Recipients__0", "not an address", "Notifications:Recipients:0")]
    [TestCase("Notifications__DigestMinutes", "-5", "Notifications:DigestMinutes")]
    [TestCase("Notifications__PublicBaseUrl", "rapportering", "Notifications:PublicBaseUrl")]
    [TestCase("Smtp__Security", "Carrier-pigeon", "Smtp:Security")]
    [TestCase("Smtp__Port", "70000", "Smtp:Port")]
    [TestCase("Retention__DeleteClosedReportsAfterMonths", "0", "Retention:DeleteClosedReportsAfterMonths")]
    [TestCase("RateLimiting__PerClientPermitLimit", "0", "RateLimiting:PerClientPermitLimit")]
    [TestCase("ReverseProxy__KnownProxies__0", "proxy.local", "ReverseProxy:KnownProxies:0")]
    [TestCase("Intake__QueueCapacity", "0", "Intake:QueueCapacity")]
    public async Task AWrongSettingStopsTheStartNamingTheKey(string variable, string value, string key)
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string> { ["Storage__DataDirectory"] = folder.Path, [variable] = value };

        var result = await ServiceProcess.RunAsync(environment, "migrate");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain(key));
        Assert.That(File.Exists(folder.File("reporting.db")), Is.False, "nothing is written before the configuration is known to be good");
    }
}
