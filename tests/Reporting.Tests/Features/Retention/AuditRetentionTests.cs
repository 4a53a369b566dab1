using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Retention;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Retention;

/// <summary>
/// The class "audit": lines older than its months go under its decision, and the database still refuses
/// every other deletion of the audit log (the permit exists only inside the retention run), on SQLite
/// and PostgreSQL.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSQL")]
[NonParallelizable]
public sealed class AuditRetentionTests(string provider)
{
    [Test]
    public async Task OldAuditLinesGoUnderTheDecisionAndNothingElseCanDeleteAny()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 10, 10, 0, 0, TimeSpan.Zero));
        var settings = new Dictionary<string, string?>(await ReportingHost.SettingsForAsync(provider))
        {
            ["Retention:Classes:0:Records"] = "audit",
            ["Retention:Classes:0:Months"] = "6",
            ["Retention:Classes:0:Decision"] = "Gallringsbeslut KS 2025/3, loggar",
        };
        using var host = new ReportingHost(folder.Path, settings, clock);
        using (var response = await host.SubmitAsync(SampleReports.Valid(occurredOn: "2026-01-05")))
        {
            Assert.That(response.IsSuccessStatusCode, Is.True);
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Reporting.Infrastructure.Persistence.ReportingDbContext>();
            for (var i = 0; i < 3; i++)
            {
                await scope.ServiceProvider.GetRequiredService<Reporting.Features.Audit.AuditLog>().AppendNowAsync(db, "samordnare@kommun.example", Reporting.Features.Audit.AuditActions.ReportsListed);
            }
        }

        var before = await CountAsync(host);
        Assert.That(before, Is.GreaterThanOrEqualTo(3));
        Assert.That(() => ExecuteAsync(host, host.IsPostgreSql ? "DELETE FROM \"AuditLog\"" : "DELETE FROM AuditLog"), Throws.InstanceOf<DbException>(), "the log refuses a deletion");

        // Seven months on, the daily run (on the service's clock) deletes every line from January.
        clock.Advance(TimeSpan.FromDays(220));
        Assert.That(await Eventually.TrueAsync(() => CountAsync(host, before: January).GetAwaiter().GetResult() == 0), Is.True, "no line from January is left: " + string.Join("; ", host.ReadColumnAsync(host.IsPostgreSql ? "SELECT \"Action\" || ' ' || CAST(\"At\" AS TEXT) FROM \"AuditLog\"" : "SELECT Action || ' ' || At FROM AuditLog").GetAwaiter().GetResult()) + string.Join("\n", host.Logs.Lines.Where(l => l.Contains("Retention", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Fail", StringComparison.Ordinal))));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var log = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new ReadRetentionLogQuery("test"));
            Assert.That(log.Where(l => l.Count > 0).Select(l => (l.Records, l.Count, l.Decision)),
                Is.EqualTo(new[] { ("audit", before, "Gallringsbeslut KS 2025/3, loggar") }));
        }
        Assert.That(() => ExecuteAsync(host, host.IsPostgreSql ? "DELETE FROM \"AuditLog\"" : "DELETE FROM AuditLog"), Throws.InstanceOf<DbException>(),
            "after the run, deletions are refused again");
        var permits = await host.ReadColumnAsync(host.IsPostgreSql ? "SELECT CAST(COUNT(*) AS TEXT) FROM \"AuditRetentionPermits\"" : "SELECT CAST(COUNT(*) AS TEXT) FROM AuditRetentionPermits");
        Assert.That(permits.Single(), Is.EqualTo("0"), "no permit outlives the run");
    }

    /// <summary>The end of January 2026, when the lines of the test were written.</summary>
    private static readonly long January = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static async Task<int> CountAsync(ReportingHost host, long before = long.MaxValue) =>
        int.Parse((await host.ReadColumnAsync(host.IsPostgreSql
            ? $"SELECT CAST(COUNT(*) AS TEXT) FROM \"AuditLog\" WHERE \"At\" < {before}"
            : $"SELECT CAST(COUNT(*) AS TEXT) FROM AuditLog WHERE At < {before}")).Single(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(ReportingHost host, string sql)
    {
        await using var connection = host.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
