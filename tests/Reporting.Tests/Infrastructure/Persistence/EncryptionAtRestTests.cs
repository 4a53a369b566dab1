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
        foreach (var needle in new[] { "Zebrafinken", "Ulvhedin", "xylofon", "busshållplatsen", receipt, receipt.Replace(" ", "", StringComparison.Ordinal) })
        {
            // A needle the submitted text does not hold proves nothing: each is checked against it first.
            Assert.That(Description + Contact + receipt + receipt.Replace(" ", "", StringComparison.Ordinal), Does.Contain(needle), $"'{needle}' is in what was submitted");
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
        var summary = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new BuildQuarterSummaryQuery("test", Quarter.Of(today)));

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
    [UnsupportedOSPlatform("windows")]
    public async Task TheDatabaseItsWalAndShmAreReadableByTheirOwnerOnly()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path);
        Assert.That((await host.SubmitAsync(SampleReports.Valid())).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var files = Directory.GetFiles(folder.Path, "reporting.db*");
        Assert.That(files.Select(Path.GetFileName), Is.SupersetOf(new[] { "reporting.db", "reporting.db-wal", "reporting.db-shm" }));
        foreach (var file in files)
        {
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), Path.GetFileName(file));
        }
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public void AnExistingDatabaseWithAWiderModeIsNarrowedAndAReadableKeyFileIsWarnedAbout()
    {
        using var folder = new TempFolder();
        using (var first = new ReportingHost(folder.Path))
        {
            _ = first.Server;
        }

        File.SetUnixFileMode(folder.File("reporting.db"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(folder.File("keys", "reporting.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        using var second = new ReportingHost(folder.Path);
        _ = second.Server;

        Assert.That(File.GetUnixFileMode(folder.File("reporting.db")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(second.Logs.AllText, Does.Contain("can be read by other users").And.Contain("Encryption:KeyFile"));
    }

    [Test]
    public async Task NotesArePaddedSoTheirLengthIsHidden()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path);
        Assert.That((await host.SubmitAsync(SampleReports.Valid())).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var id = (await host.ReadColumnAsync("SELECT Id FROM Reports")).Single();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<Mediator.IMediator>();
            await mediator.Send(new Reporting.Features.Reports.UpdateReportCommand("samordnare@kommun.example", Guid.Parse(id), null, null, "Kort."));
            await mediator.Send(new Reporting.Features.Reports.UpdateReportCommand("samordnare@kommun.example", Guid.Parse(id), null, null, new string('x', 300)));
        }

        var lengths = await host.ReadColumnAsync("SELECT CAST(length(Content) AS TEXT) FROM ReportNotes");
        Assert.That(lengths.Distinct().Count(), Is.EqualTo(1), $"a five-letter note and a 300-letter note seal to the same length ({string.Join(", ", lengths)})");
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
    public async Task APasswordForTheMailServerNeedsAnEncryptedConnection()
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string>
        {
            ["Storage__DataDirectory"] = folder.Path,
            ["Smtp__Host"] = "smtp.kommun.example",
            ["Smtp__Username"] = "rapportering",
            ["Smtp__Password"] = "hemligt",
            ["Smtp__Security"] = "None",
        };

        var result = await ServiceProcess.RunAsync(environment, "migrate");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("Smtp:Security").And.Contain("Smtp:Username"));
        Assert.That(result.Error, Does.Not.Contain("hemligt"));
    }

    [Test]
    public void AutomaticSecurityBecomesStartTlsWhenTheConnectionCarriesAPassword()
    {
        Assert.That(Reporting.Infrastructure.Email.SmtpMailTransport.ToMailKit(Reporting.Infrastructure.Email.SmtpSecurity.Auto, authenticates: true), Is.EqualTo(MailKit.Security.SecureSocketOptions.StartTls));
        Assert.That(Reporting.Infrastructure.Email.SmtpMailTransport.ToMailKit(Reporting.Infrastructure.Email.SmtpSecurity.Auto, authenticates: false), Is.EqualTo(MailKit.Security.SecureSocketOptions.Auto));
    }

    [Test]
    public async Task AFailureThatIsNotASettingPrintsItsStackTrace()
    {
        using var folder = new TempFolder();
        // PostgreSQL on a port where nothing listens: not a configuration mistake the service can name.
        var environment = new Dictionary<string, string>
        {
            ["Storage__DataDirectory"] = folder.Path,
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__Reporting"] = $"Host=127.0.0.1;Port={TestSmtpServer.FreePort()};Database=nothing;Username=nobody;Password=x;Timeout=2",
        };

        var result = await ServiceProcess.RunAsync(environment, "migrate");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("Start failed").And.Contain("   at "), "the stack trace shows where");
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

    [TestCase("Symbols:0:Code", "Symbols__0__Code", "Tyr Rune", "Symbols__0__Name", "Tyrrunan", "Symbols__0__Environment", "white-power")]
    [TestCase("Symbols:0:Environment", "Symbols__0__Code", "tyr-rune", "Symbols__0__Name", "Tyrrunan", "Symbols__0__Environment", "nazi")]
    [TestCase("Retention:Classes:0:Decision", "Retention__Classes__0__Records", "reports", "Retention__Classes__0__Months", "24")]
    [TestCase("Retention:Classes:0:Records", "Retention__Classes__0__Records", "allt", "Retention__Classes__0__Months", "24", "Retention__Classes__0__Decision", "Beslut 1")]
    [TestCase("Retention:DeleteClosedReportsAfterMonths", "Retention__DeleteClosedReportsAfterMonths", "12",
        "Retention__Classes__0__Records", "reports", "Retention__Classes__0__Months", "24", "Retention__Classes__0__Decision", "Beslut 1")]
    [TestCase("Records:SecrecyByUnit:grundskola", "Records__SecrecyByUnit__grundskola", "hemligt")]
    [TestCase("Administrations:0:Code", "Administrations__0__Code", "Norr Malm", "Administrations__0__Name", "Norrmalm")]
    [TestCase("Administrations:0:Code", "Administrations__0__Code", "samordnare", "Administrations__0__Name", "Ett namn som krockar med en sida")]
    [TestCase("Administrations:1:Code", "Administrations__0__Code", "norrmalm", "Administrations__0__Name", "Norrmalm", "Administrations__1__Code", "norrmalm", "Administrations__1__Name", "Igen")]
    [TestCase("Administrations:0:Name", "Administrations__0__Code", "norrmalm")]
    [TestCase("Administrations:0:Recipients:0", "Administrations__0__Code", "norrmalm", "Administrations__0__Name", "Norrmalm", "Administrations__0__Recipients__0", "inte-en-adress")]
    [TestCase("Administrations:0:Retention:0:Decision", "Administrations__0__Code", "norrmalm", "Administrations__0__Name", "Norrmalm",
        "Administrations__0__Retention__0__Records", "reports", "Administrations__0__Retention__0__Months", "24")]
    [TestCase("Administrations:0:Retention:0:Records", "Administrations__0__Code", "norrmalm", "Administrations__0__Name", "Norrmalm",
        "Administrations__0__Retention__0__Records", "allt", "Administrations__0__Retention__0__Months", "24", "Administrations__0__Retention__0__Decision", "Beslut 1")]
    [TestCase("Administrations:0:Units:0", "Administrations__0__Code", "norrmalm", "Administrations__0__Name", "Norrmalm", "Administrations__0__Units__0__Code", "skola")]
    public async Task AWrongEntryOfAListStopsTheStartNamingTheKey(string key, params string[] settings)
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string> { ["Storage__DataDirectory"] = folder.Path };
        for (var i = 0; i < settings.Length; i += 2)
        {
            environment[settings[i]] = settings[i + 1];
        }

        var result = await ServiceProcess.RunAsync(environment, "migrate");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain(key));
    }

    [TestCase("Organisation__TimeZone", "Mars/Olympus", "Organisation:TimeZone")]
    [TestCase("Encryption__Key", "not-base64!", "Encryption:Key")]
    [TestCase("Encryption__Key", "c2hvcnQ=", "Encryption:Key")]
    [TestCase("Database__Provider", "Oracle", "Database:Provider")]
    [TestCase("Database__Provider", "PostgreSQL", "ConnectionStrings:Reporting")]
    [TestCase("Summaries__SuppressBelow", "0", "Summaries:SuppressBelow")]
    [TestCase("Organisation__Units__0__Code", "", "Organisation:Units:0")]
    [TestCase("Symbols__0__Code", "tyr-rune", "Symbols:0")]
    [TestCase("Attachments__MaxBytes", "5", "Attachments:MaxBytes")]
    [TestCase("Attachments__MaxPhotos", "0", "Attachments:MaxPhotos")]
    [TestCase("Notifications__Recipients__0", "not an address", "Notifications:Recipients:0")]
    [TestCase("Notifications__DigestMinutes", "-5", "Notifications:DigestMinutes")]
    [TestCase("Notifications__PublicBaseUrl", "rapportering", "Notifications:PublicBaseUrl")]
    [TestCase("Smtp__Security", "Carrier-pigeon", "Smtp:Security")]
    [TestCase("Smtp__Port", "70000", "Smtp:Port")]
    [TestCase("Retention__DeleteClosedReportsAfterMonths", "0", "Retention:DeleteClosedReportsAfterMonths")]
    [TestCase("RateLimiting__PerClientPermitLimit", "0", "RateLimiting:PerClientPermitLimit")]
    [TestCase("ReverseProxy__KnownProxies__0", "proxy.local", "ReverseProxy:KnownProxies:0")]
    [TestCase("Intake__QueueCapacity", "0", "Intake:QueueCapacity")]
    [TestCase("Coordinators__SessionMaxHours", "0", "Coordinators:SessionMaxHours")]
    [TestCase("RateLimiting__CheckPerClientPermitLimit", "0", "RateLimiting:CheckPerClientPermitLimit")]
    [TestCase("Encryption__PreviousKeys__0", "c2hvcnQ=", "Encryption:PreviousKeys")]
    [TestCase("Authentication__Oidc__Authority", "http://idp.kommun.example/realms/personal", "Authentication:Oidc:Authority")]
    [TestCase("Authentication__Oidc__Authority", "inte en adress", "Authentication:Oidc:Authority")]
    [TestCase("Authentication__LocalSignIn", "false", "Authentication:LocalSignIn")]
    [TestCase("Telemetry__OtlpEndpoint", "collector:4317", "Telemetry:OtlpEndpoint")]
    [TestCase("Telemetry__OtlpProtocol", "udp", "Telemetry:OtlpProtocol")]
    [TestCase("Telemetry__OtlpEndpoint", "inte en adress", "Telemetry:OtlpEndpoint")]
    [TestCase("Audit__Syslog__Port", "0", "Audit:Syslog:Port")]
    [TestCase("Audit__Syslog__Host", "tcp://logg.kommun.example:514", "Audit:Syslog:Host")]
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
