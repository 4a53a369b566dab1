using System.Net;
using System.Text;
using System.Text.Json;
using MimeKit;
using Reporting.Tests.Support;
using SmtpServer.Protocol;

namespace Reporting.Tests.Features.Notifications;

/// <summary>Alerts through a real SMTP server on 127.0.0.1: delivered, content-free, never lost.</summary>
[TestFixture]
public sealed class AlertTests
{
    private const string Description = "Pelargonen Vindsröj sågs dela ut propaganda vid kiosken.";

    private static Dictionary<string, string?> SmtpSettings(int port, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Notifications:Recipients:0"] = "samordnare@kommun.example",
            ["Notifications:Recipients:1"] = "vbe-team@kommun.example",
            ["Notifications:RetryInitialSeconds"] = "0.2",
            ["Notifications:RetryMaxSeconds"] = "0.5",
            ["Notifications:CoalesceSeconds"] = "0.2",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<string> SubmitAsync(ReportingHost host, string description = Description)
    {
        var report = SampleReports.Valid(description);
        report["confirmNoIdentifiers"] = true;
        var response = await host.SubmitAsync(report);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipt").GetString()!;
    }

    private static string AllText(MimeMessage message)
    {
        var text = new StringBuilder(message.Subject).AppendLine();
        foreach (var header in message.Headers)
        {
            text.AppendLine(header.Value);
        }

        foreach (var part in message.BodyParts.OfType<TextPart>())
        {
            text.AppendLine(part.Text);
        }

        return text.ToString();
    }

    [Test]
    public async Task EveryCoordinatorAccountIsAlertedWithNoExtraSetting()
    {
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        using var folder = new TempFolder();
        var settings = SmtpSettings(smtp.Port);
        settings.Remove("Notifications:Recipients:0");
        settings.Remove("Notifications:Recipients:1");
        using var host = new ReportingHost(folder.Path, settings);
        await CoordinatorAccess.InviteAsync(host, "forsta.samordnaren@kommun.example");

        await SubmitAsync(host);

        Assert.That(await Eventually.TrueAsync(() => smtp.Accepted.Count == 1), Is.True, "the alert arrives");
        Assert.That(smtp.Accepted.Single().To.Mailboxes.Select(m => m.Address), Is.EqualTo(new[] { "forsta.samordnaren@kommun.example" }));
    }

    [Test]
    public async Task AnAlertArrivesForEveryRecipientWithNoReportContent()
    {
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, SmtpSettings(smtp.Port));

        var receipt = await SubmitAsync(host);

        Assert.That(await Eventually.TrueAsync(() => smtp.Accepted.Count == 2), Is.True, "the alert arrives, once per recipient");
        Assert.That(smtp.Accepted.Select(m => m.To.Mailboxes.Single().Address), Is.EquivalentTo(new[] { "samordnare@kommun.example", "vbe-team@kommun.example" }),
            "one e-mail per recipient: no one sees who else is alerted");
        Assert.That(smtp.Accepted.Select(m => m.MessageId).Distinct().Count(), Is.EqualTo(2), "each copy has a Message-ID of its own");
        var alert = smtp.Accepted.First();
        var text = AllText(alert);
        Assert.Multiple(() =>
        {
            Assert.That(alert.Subject, Is.EqualTo("Ny rapport har kommit in"));
            Assert.That(text, Does.Contain("/samordnare"), "links to the inbox");
            foreach (var forbidden in new[] { "Pelargonen", "Vindsröj", "propaganda", "kiosken", receipt, receipt.Replace(" ", "", StringComparison.Ordinal), "white-power", "Vit makt", "grundskola", "stickers", "Klistermärken" })
            {
                Assert.That(text, Does.Not.Contain(forbidden), $"the alert reveals '{forbidden}'");
            }

            Assert.That(host.Logs.AllText, Does.Not.Contain("Pelargonen"));
            Assert.That(host.Logs.AllText, Does.Not.Contain(receipt));
        });
    }

    [Test]
    public async Task WhileTheServerIsDownAlertsWaitAndThenArriveOnceEach()
    {
        var port = TestSmtpServer.FreePort();
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, SmtpSettings(port));
        for (var i = 0; i < 3; i++)
        {
            await SubmitAsync(host);
        }

        await Task.Delay(1500); // several failed attempts against a closed port
        await using var smtp = new TestSmtpServer(port);
        smtp.Start();

        Assert.That(await Eventually.TrueAsync(() => AlertMail.ReportsFor(smtp.Accepted, "samordnare@kommun.example") >= 3), Is.True);
        await Task.Delay(1500); // nothing more arrives
        Assert.Multiple(() =>
        {
            foreach (var recipient in new[] { "samordnare@kommun.example", "vbe-team@kommun.example" })
            {
                Assert.That(AlertMail.ReportsFor(smtp.Accepted, recipient), Is.EqualTo(3), $"{recipient}: the counts add up, nothing lost or counted twice");
            }

            Assert.That(smtp.Accepted.Select(m => m.MessageId).Distinct().Count(), Is.EqualTo(smtp.Accepted.Count), "each e-mail exactly once");
            Assert.That(smtp.Accepted.Count, Is.LessThanOrEqualTo(4), "the waiting reports coalesce instead of one e-mail each");
        });
    }

    [Test]
    public async Task ABurstOrABacklogComesAsAFewEmailsWhoseCountsAddUp()
    {
        const int Reports = 230;
        var port = TestSmtpServer.FreePort();
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, SmtpSettings(port, ("Notifications:CoalesceSeconds", "1")));
        await Task.WhenAll(Enumerable.Range(0, Reports).Select(_ => SubmitAsync(host)));

        await Task.Delay(1700); // at least one failed attempt against a closed port
        await using var smtp = new TestSmtpServer(port);
        smtp.Start();

        Assert.That(await Eventually.TrueAsync(() => AlertMail.ReportsFor(smtp.Accepted, "vbe-team@kommun.example") >= Reports, TimeSpan.FromSeconds(30)), Is.True);
        await Task.Delay(1500); // nothing more arrives
        var perRecipient = smtp.Accepted.GroupBy(m => m.To.Mailboxes.Single().Address).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Multiple(() =>
        {
            Assert.That(perRecipient.Keys, Is.EquivalentTo(new[] { "samordnare@kommun.example", "vbe-team@kommun.example" }));
            foreach (var (recipient, mails) in perRecipient)
            {
                Assert.That(mails.Sum(AlertMail.ReportsIn), Is.EqualTo(Reports), $"{recipient}: every report counted once");
                Assert.That(mails, Has.Count.LessThanOrEqualTo(5), $"{recipient}: a handful of e-mails, not {Reports}");
            }

            Assert.That(smtp.Accepted.Select(m => m.MessageId).Distinct().Count(), Is.EqualTo(smtp.Accepted.Count), "no e-mail twice");
        });
    }

    [Test]
    public async Task TheBacklogBeforeTheFirstCoordinatorArrivesAsOneEmail()
    {
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        using var folder = new TempFolder();
        var settings = SmtpSettings(smtp.Port);
        settings.Remove("Notifications:Recipients:0");
        settings.Remove("Notifications:Recipients:1");
        using var host = new ReportingHost(folder.Path, settings);
        for (var i = 0; i < 40; i++)
        {
            await SubmitAsync(host);
        }

        await Task.Delay(800); // nobody to alert yet
        Assert.That(smtp.Accepted, Is.Empty);
        await CoordinatorAccess.InviteAsync(host, "forsta@kommun.example");

        Assert.That(await Eventually.TrueAsync(() => smtp.Accepted.Count == 1, TimeSpan.FromSeconds(90)), Is.True, "the first coordinator is alerted");
        await Task.Delay(1000);
        Assert.That(smtp.Accepted, Has.Count.EqualTo(1), "once, not forty times");
        Assert.That(smtp.Accepted.Single().Subject, Is.EqualTo("40 nya rapporter har kommit in"));
    }

    [TestCase(SmtpReplyCode.InsufficientStorage, TestName = "ARefusedAlertIsRetriedWithTheSameMessageId(4xx)")]
    [TestCase(SmtpReplyCode.TransactionFailed, TestName = "ARefusedAlertIsRetriedWithTheSameMessageId(5xx)")]
    public async Task ARefusedAlertIsRetriedWithTheSameMessageId(SmtpReplyCode refusal)
    {
        await using var smtp = new TestSmtpServer();
        var answers = 0;
        smtp.Respond = _ => Interlocked.Increment(ref answers) <= 2 ? new SmtpResponse(refusal, "not now") : SmtpResponse.Ok;
        smtp.Start();
        using var folder = new TempFolder();
        var settings = SmtpSettings(smtp.Port);
        settings.Remove("Notifications:Recipients:1");
        using var host = new ReportingHost(folder.Path, settings);

        await SubmitAsync(host);

        Assert.That(await Eventually.TrueAsync(() => smtp.Accepted.Count == 1), Is.True);
        Assert.That(smtp.Received, Has.Count.EqualTo(3), "two refusals, then accepted");
        Assert.That(smtp.Received.Select(m => m.MessageId).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task AlertsThatKeepFailingShowAsDegradedHealth()
    {
        var port = TestSmtpServer.FreePort();
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, SmtpSettings(port, ("Notifications:FailingAfterAttempts", "2")));
        using var client = host.CreateClient();
        Assert.That(await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));

        await SubmitAsync(host);

        Assert.That(await Eventually.TrueAsync(() => client.GetStringAsync("/health/ready").Result == "Degraded"), Is.True);
    }

    /// <summary>Moves the service's clock on in small steps, so what waits on it (the sender's windows) wakes as it would.</summary>
    private static async Task AdvanceAsync(FakeTimeProvider clock, TimeSpan by)
    {
        var step = TimeSpan.FromSeconds(Math.Max(1, by.TotalSeconds / 20));
        for (var passed = TimeSpan.Zero; passed < by; passed += step)
        {
            clock.Advance(step < by - passed ? step : by - passed);
            await Task.Delay(20);
        }
    }

    [Test]
    public async Task TheOldDigestSettingStillGivesAtMostOneAlertPerPeriod()
    {
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        var settings = SmtpSettings(smtp.Port, ("Notifications:DigestMinutes", "30"));
        settings.Remove("Notifications:Recipients:1");
        using var host = new ReportingHost(folder.Path, settings, clock);

        await SubmitAsync(host);
        await AdvanceAsync(clock, TimeSpan.FromSeconds(2));
        Assert.That(await Eventually.TrueAsync(() => smtp.Accepted.Count == 1), Is.True, "the first report of a quiet period is alerted at once");
        for (var i = 0; i < 3; i++)
        {
            await SubmitAsync(host);
        }

        await AdvanceAsync(clock, TimeSpan.FromMinutes(5));
        await Task.Delay(500);
        Assert.That(smtp.Accepted, Has.Count.EqualTo(1), "no second alert within the digest period");

        await AdvanceAsync(clock, TimeSpan.FromMinutes(26));

        Assert.That(await Eventually.TrueAsync(() => smtp.Accepted.Count == 2), Is.True);
        Assert.That(smtp.Accepted.Last().Subject, Is.EqualTo("3 nya rapporter har kommit in"));
    }

    [Test]
    public async Task TheDailyScheduleSendsAtMostOneEmailADayAtItsTime()
    {
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        using var folder = new TempFolder();
        // 05:00 UTC on 27 November is 06:00 in Stockholm; the day's e-mail goes at 08:00 local (07:00 UTC).
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 5, 0, 0, TimeSpan.Zero));
        var settings = SmtpSettings(smtp.Port, ("Notifications:Schedule", "daily"), ("Notifications:DailyAt", "08:00"));
        settings.Remove("Notifications:Recipients:1");
        using var host = new ReportingHost(folder.Path, settings, clock);

        await SubmitAsync(host);
        await SubmitAsync(host);
        await AdvanceAsync(clock, TimeSpan.FromMinutes(119)); // 07:59 local
        await Task.Delay(500);
        Assert.That(smtp.Accepted, Is.Empty, "nothing before the day's time");

        await AdvanceAsync(clock, TimeSpan.FromMinutes(2)); // 08:01 local
        Assert.That(await Eventually.TrueAsync(() => smtp.Accepted.Count == 1), Is.True, "the day's e-mail");
        Assert.That(smtp.Accepted.Single().Subject, Is.EqualTo("2 nya rapporter har kommit in"));

        await SubmitAsync(host);
        await AdvanceAsync(clock, TimeSpan.FromHours(12));
        await Task.Delay(500);
        Assert.That(smtp.Accepted, Has.Count.EqualTo(1), "a report later that day waits for tomorrow");

        // The clock moves as time does: the sender wakes at the day's time, not after it has passed.
        await AdvanceAsync(clock, TimeSpan.FromHours(11) + TimeSpan.FromMinutes(59)); // 08:00 local
        Assert.That(await Eventually.TrueAsync(() => smtp.Accepted.Count == 2), Is.True, "the next day's e-mail");
        Assert.That(smtp.Accepted.Last().Subject, Is.EqualTo("Ny rapport har kommit in"));
        var day = await host.ReadColumnAsync("SELECT Value FROM ServiceState WHERE Name = 'alerts.last-day'");
        Assert.That(day, Is.EqualTo(new[] { "2026-11-28" }), "only the day is kept, never the time");
    }

    [Test]
    public async Task TheDailyScheduleNeverSendsTheFirstReportAfterItsTimeAtOnce()
    {
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        using var folder = new TempFolder();
        // 13:00 UTC on 27 November is 14:00 in Stockholm: the day's time (08:00) has passed with nothing to send.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 13, 0, 0, TimeSpan.Zero));
        var settings = SmtpSettings(smtp.Port, ("Notifications:Schedule", "daily"), ("Notifications:DailyAt", "08:00"));
        settings.Remove("Notifications:Recipients:1");
        using var host = new ReportingHost(folder.Path, settings, clock);

        await SubmitAsync(host);
        await AdvanceAsync(clock, TimeSpan.FromMinutes(5));
        await Task.Delay(500);
        Assert.That(smtp.Accepted, Is.Empty, "a report at 14:00 is not mailed at 14:00: it waits for the next day's time");

        await AdvanceAsync(clock, TimeSpan.FromHours(17)); // 07:05 local on the 28th
        await Task.Delay(500);
        Assert.That(smtp.Accepted, Is.Empty, "nor at any other time of the night");

        await AdvanceAsync(clock, TimeSpan.FromMinutes(55)); // 08:00 local
        Assert.That(await Eventually.TrueAsync(() => smtp.Accepted.Count == 1), Is.True, "the next day's e-mail at its time");
        var sent = smtp.Accepted.Single();
        Assert.That(sent.Date.ToUniversalTime(), Is.EqualTo(new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero)).Within(TimeSpan.FromMinutes(1)),
            "the e-mail is dated at DailyAt, not when the report came");
    }

    [Test]
    public async Task TheDigestPeriodKeepsNoTimeInTheDatabase()
    {
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        var settings = SmtpSettings(smtp.Port, ("Notifications:DigestMinutes", "30"));
        settings.Remove("Notifications:Recipients:1");
        using var host = new ReportingHost(folder.Path, settings, clock);

        await SubmitAsync(host);
        await AdvanceAsync(clock, TimeSpan.FromSeconds(2));
        Assert.That(await Eventually.TrueAsync(() => smtp.Accepted.Count == 1), Is.True);

        var state = await host.ReadColumnAsync("SELECT Name || '=' || Value FROM ServiceState");
        Assert.That(state, Has.None.Contains("alerts.last-sent-at"), "the last alert's time is not stored");
        Assert.That(state, Has.None.Contains("2026-11-27T"), "nor any time of that day");
    }

    [Test]
    public async Task NoOutboxRowOrMessageIdDatesAReport()
    {
        var port = TestSmtpServer.FreePort(); // no server: the alert waits, as in an outage
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, SmtpSettings(port));
        for (var i = 0; i < 3; i++)
        {
            await SubmitAsync(host);
        }

        await Task.Delay(800);
        var outbox = await host.ReadColumnAsync("SELECT CAST(Id AS TEXT) FROM Outbox");
        var messageIds = await host.ReadColumnAsync("SELECT MessageId FROM AlertDeliveries");
        Assert.That(outbox, Is.Not.Empty);
        Assert.That(messageIds, Is.Not.Empty);
        Assert.That(outbox.All(id => long.TryParse(id, out _)), Is.True, "outbox rows are numbered, not stamped: a version 7 id would date its row to the millisecond");
        Assert.That(messageIds.Select(m => Guid.ParseExact(m.Split('@')[0], "N").Version), Is.All.EqualTo(4));
        Assert.That(messageIds.Distinct().Count(), Is.EqualTo(messageIds.Count), "a fresh Message-ID for every e-mail");
    }

    [Test]
    public async Task WithoutAnSmtpHostAlertsAreWrittenToThePickupFolder()
    {
        using var folder = new TempFolder();
        using var host = new ReportingHost(folder.Path, new Dictionary<string, string?> { ["Notifications:Recipients:0"] = "samordnare@kommun.example", ["Notifications:CoalesceSeconds"] = "0" });

        await SubmitAsync(host);

        var pickup = folder.File("mail");
        Assert.That(await Eventually.TrueAsync(() => Directory.Exists(pickup) && Directory.GetFiles(pickup, "*.eml").Length == 1), Is.True);
        var message = await MimeMessage.LoadAsync(Directory.GetFiles(pickup, "*.eml").Single());
        Assert.That(message.Subject, Is.EqualTo("Ny rapport har kommit in"));
        Assert.That(AllText(message), Does.Not.Contain("Pelargonen"));
    }

    [Test]
    public async Task ACrashBetweenSendingAndMarkingResendsTheSameMessageId()
    {
        await using var smtp = new TestSmtpServer { Hang = true };
        smtp.Start();
        using var folder = new TempFolder();
        var httpPort = TestSmtpServer.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Storage__DataDirectory"] = folder.Path,
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp__Security"] = "None",
            ["Notifications__Recipients__0"] = "samordnare@kommun.example",
            ["Notifications__CoalesceSeconds"] = "0",
        };

        await using (var first = await ServiceProcess.StartAsync(environment, httpPort))
        {
            var response = await first.Client.PostAsync("/api/reports", JsonContent(SampleReports.Valid()));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(await Eventually.TrueAsync(() => smtp.Received.Count == 1), Is.True, "the server has the message, but has not answered");
            first.Kill(); // kill -9 before the alert is marked as sent
        }

        smtp.Hang = false;
        await using (await ServiceProcess.StartAsync(environment, httpPort))
        {
            Assert.That(await Eventually.TrueAsync(() => smtp.Accepted.Count == 1), Is.True, "resent after the restart");
        }

        Assert.That(smtp.Received, Has.Count.EqualTo(2), "sent before the crash and once more after it");
        Assert.That(smtp.Received.Select(m => m.MessageId).Distinct().Count(), Is.EqualTo(1), "the resend is recognisably the same alert");
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
