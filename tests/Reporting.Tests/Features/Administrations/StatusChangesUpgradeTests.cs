using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Infrastructure.Persistence;
using Reporting.Tests.Support;

namespace Reporting.Tests.Features.Administrations;

/// <summary>
/// Status changes stored before they named their administration take their report's when the
/// migration runs, so an administration's statistics still count the changes of its own reports.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSQL")]
[NonParallelizable]
public sealed class StatusChangesUpgradeTests(string provider)
{
    [Test]
    public async Task EarlierStatusChangesTakeTheirReportsAdministration()
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?>(await ReportingHost.SettingsForAsync(provider))
        {
            ["Administrations:0:Code"] = "kungsholmen",
            ["Administrations:0:Name"] = "Kungsholmens stadsdelsförvaltning",
            ["Administrations:1:Code"] = "norrmalm",
            ["Administrations:1:Name"] = "Norrmalms stadsdelsförvaltning",
        };
        using var host = new ReportingHost(folder.Path, settings);
        foreach (var code in new[] { "kungsholmen", "norrmalm" })
        {
            var report = SampleReports.Valid();
            report["administration"] = code;
            using var response = await host.SubmitAsync(report);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        await using var db = await host.Services.GetRequiredService<IDbContextFactory<ReportingDbContext>>().CreateDbContextAsync();
        var reports = await db.Reports.Select(r => new { r.Id, r.Administration }).ToListAsync();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("RetentionPerAdministration");
        foreach (var report in reports)
        {
            // As the code before this migration wrote them: no administration column.
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"ReportStatusChanges\" (\"ReportId\", \"At\", \"From\", \"To\", \"Actor\") VALUES ({report.Id}, {1_700_000_000_000L}, {"new"}, {"in-review"}, {"samordnare@kommun.example"})");
        }

        await migrator.MigrateAsync();

        var changes = await db.StatusChanges.Select(c => new { c.ReportId, c.Administration }).ToListAsync();
        Assert.That(changes.Select(c => (c.ReportId, c.Administration)), Is.EquivalentTo(reports.Select(r => (r.Id, r.Administration))));
        Assert.That(changes.Select(c => c.Administration), Is.EquivalentTo(new[] { "kungsholmen", "norrmalm" }));
    }
}
