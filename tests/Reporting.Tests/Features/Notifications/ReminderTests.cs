using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Notifications;
using Reporting.Features.Reports;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Notifications;

/// <summary>
/// Reminders for reports left unstarted (7 days) or open (90 days): counts only, at most once a day,
/// through the same alerts as everything else, and the inbox shows the same markers.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReminderTests
{
    private static async Task AdvanceAsync(FakeTimeProvider clock, TimeSpan by)
    {
        var step = TimeSpan.FromHours(1);
        for (var passed = TimeSpan.Zero; passed < by; passed += step)
        {
            clock.Advance(step < by - passed ? step : by - passed);
            await Task.Delay(10);
        }
    }

    [Test]
    public async Task OnceADayEveryCoordinatorIsToldHowManyReportsWaitAndNothingElse()
    {
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        using var host = new ReportingHost(folder.Path, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Notifications:Recipients:0"] = "samordnare@kommun.example",
            ["Notifications:CoalesceSeconds"] = "0",
        }, clock);
        string? started = null;
        for (var i = 0; i < 3; i++)
        {
            using var response = await host.SubmitAsync(SampleReports.Valid($"Klotter nummer {i} vid entrén."));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var list = await mediator.Send(new ListReportsQuery("test"));
            started = list.Items[0].Reference;
            await mediator.Send(new UpdateReportCommand("test", list.Items[0].Id, "in-review", null, null));
        }

        Assert.That(await Eventually.TrueAsync(() => smtp.Accepted.Count >= 1), Is.True, "the reports' own alert");
        var before = smtp.Accepted.Count;

        await AdvanceAsync(clock, TimeSpan.FromDays(8));

        Assert.That(await Eventually.TrueAsync(() => smtp.Accepted.Skip(before).Any(m => (m.Subject ?? "").Contains("inte bedömts", StringComparison.Ordinal))), Is.True);
        var reminder = smtp.Accepted.Skip(before).First(m => (m.Subject ?? "").Contains("inte bedömts", StringComparison.Ordinal));
        Assert.That(reminder.Subject, Is.EqualTo("2 rapporter har inte bedömts på 7 dagar"), "the started one is not counted");
        Assert.That(reminder.TextBody, Does.Not.Contain("Klotter").And.Not.Contain(started!).And.Not.Contain("2026-0"), "counts only: no content, no reference");
        Assert.That(await host.Services.GetRequiredService<ReminderJob>().RunOnceAsync(CancellationToken.None), Is.EqualTo((0, 0)), "at most once a day");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var inbox = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ListReportsQuery("test"));
            Assert.That(inbox.Items.Count(i => i.NotAssessedInTime), Is.EqualTo(2), "the inbox shows the same markers");
            Assert.That(inbox.Items.Single(i => i.Reference == started).NotAssessedInTime, Is.False);
        }

        var afterFirst = smtp.Accepted.Count;
        await AdvanceAsync(clock, TimeSpan.FromDays(84));
        Assert.That(await Eventually.TrueAsync(() => smtp.Accepted.Skip(afterFirst).Any(m => (m.Subject ?? "").Contains("öppna i mer än 90 dagar", StringComparison.Ordinal))), Is.True);
        var days = smtp.Accepted.Skip(afterFirst).Count(m => (m.Subject ?? "").Contains("inte bedömts", StringComparison.Ordinal));
        Assert.That(days, Is.LessThanOrEqualTo(84), "one a day at most");
    }
}
