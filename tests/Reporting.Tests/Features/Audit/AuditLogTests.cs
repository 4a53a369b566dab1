using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Infrastructure.Persistence;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Audit;

/// <summary>Who read and changed what: written for every read, change and sign-in; impossible to alter; never holding content.</summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSQL")]
public sealed class AuditLogTests(string provider) : HostFixture(provider)
{
    private const string Secret = "Hemlig beskrivning om klotter vid Rådhusets tunnelbaneuppgång";

    private EnrolledCoordinator _coordinator = null!;
    private HttpClient _signedIn = null!;
    private Guid _reportId;

    [OneTimeSetUp]
    public async Task SubmitReadAndChange()
    {
        _coordinator = await CoordinatorAccess.EnrolAsync(Host, "granskare@kommun.example");
        _signedIn = await CoordinatorAccess.SignInAsync(Host, _coordinator);
        using (var submitted = await Client.PostAsJsonAsync("/api/reports", SampleReports.Valid(Secret)))
        {
            Assert.That(submitted.IsSuccessStatusCode, Is.True);
        }

        var list = await _signedIn.GetFromJsonAsync<JsonElement>("/api/reports");
        _reportId = list.GetProperty("items")[0].GetProperty("id").GetGuid();
        await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{_reportId}");
        var (header, token) = await CoordinatorAccess.AntiforgeryAsync(_signedIn);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/reports/{_reportId}") { Content = JsonContent.Create(new { status = "in-review", note = "Anteckning med innehåll: Rådhuset" }) };
        request.Headers.Add(header, token);
        using var patched = await _signedIn.SendAsync(request);
        Assert.That(patched.IsSuccessStatusCode, Is.True);
    }

    [OneTimeTearDown]
    public void Dispose() => _signedIn.Dispose();

    private async Task<List<(string Actor, string Action, Guid? ReportId, string? Detail)>> EntriesAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        return [.. (await db.AuditLog.AsNoTracking().OrderBy(e => e.Id).ToListAsync()).Select(e => (e.Actor, e.Action, e.ReportId, e.Detail))];
    }

    [Test]
    public async Task EachSignInReadAndChangeHasALineNamingWhoAndWhichReport()
    {
        var entries = await EntriesAsync();
        var mine = entries.Where(e => e.Actor == _coordinator.Email).ToList();

        Assert.That(mine.Select(e => e.Action), Is.SupersetOf(new[] { "coordinator-enrolled", "signed-in", "reports-listed", "report-read", "status-changed", "note-added" }));
        Assert.That(mine.Where(e => e.Action is "report-read" or "status-changed" or "note-added").Select(e => e.ReportId), Is.All.EqualTo(_reportId));
        Assert.That(entries.Single(e => e.Action == "status-changed" && e.ReportId == _reportId).Detail, Is.EqualTo("Ny → Under bedömning"), "in words for people");
    }

    [Test]
    public async Task FailedSignInIsAudited()
    {
        using var client = Host.CreateClient();
        using var response = await CoordinatorAccess.PostSignInAsync(client, _coordinator.Email, "inte lösenordet alls", "123456");

        var entries = await EntriesAsync();
        Assert.That(entries, Has.Some.Matches<(string Actor, string Action, Guid? ReportId, string? Detail)>(e => e.Actor == _coordinator.Email && e.Action == "sign-in-failed"));
    }

    [Test]
    public async Task TheLogNeverHoldsReportContent()
    {
        var entries = await EntriesAsync();

        Assert.That(entries.Select(e => $"{e.Actor} {e.Action} {e.Detail}"), Has.None.Contains("Rådhus"));
    }

    [Test]
    public async Task EntriesCannotBeChangedOrDeletedThroughTheApplication()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var entry = await db.AuditLog.OrderBy(e => e.Id).FirstAsync();
        entry.Actor = "någon annan";

        await Assert.ThatAsync(() => db.SaveChangesAsync(), Throws.InvalidOperationException);
        db.ChangeTracker.Clear();
        db.AuditLog.Remove(await db.AuditLog.OrderBy(e => e.Id).FirstAsync());
        await Assert.ThatAsync(() => db.SaveChangesAsync(), Throws.InvalidOperationException);
    }

    [TestCase("UPDATE \"AuditLog\" SET \"Actor\" = 'någon annan'")]
    [TestCase("DELETE FROM \"AuditLog\"")]
    public async Task EntriesCannotBeChangedOrDeletedInTheDatabase(string sql)
    {
        var before = (await EntriesAsync()).Count;
        await using (var connection = Host.OpenRawConnection())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var failure = await Assert.ThrowsAsync(Is.InstanceOf<System.Data.Common.DbException>(), () => command.ExecuteNonQueryAsync());
            Assert.That(failure!.Message, Does.Contain("append-only"));
        }

        Assert.That((await EntriesAsync()).Count, Is.EqualTo(before));
    }

    [Test]
    public async Task CoordinatorsReadTheLogFilteredByReport()
    {
        var report = await _signedIn.GetFromJsonAsync<JsonElement>($"/api/reports/{_reportId}");
        var reference = report.GetProperty("reference").GetString();

        var page = await _signedIn.GetStringAsync($"/samordnare/logg?reference={reference}");
        var rows = System.Text.RegularExpressions.Regex.Matches(page, "<tr>\\s*<td>").Count;

        Assert.That(page, Does.Contain("Rapport läst").And.Contain("Status ändrad").And.Contain(_coordinator.Email));
        Assert.That(page, Does.Not.Contain("Inloggning</td>"), "filtered to the report");
        Assert.That(rows, Is.GreaterThanOrEqualTo(3));
    }
}
