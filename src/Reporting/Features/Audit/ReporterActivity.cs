using System.Globalization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Audit;

/// <summary>
/// What a reporter did with a report on one local day (looked it up, replied), counted: one row per
/// report, day and action, never a time. It becomes an audit line only once the day is over
/// (<see cref="ReporterActivityJob"/>), so neither the audit log nor a coordinator watching it can
/// tell when in the day the reporter looked: a coordinator who asks a question and refreshes the log
/// learns at most that the reporter followed up on some day.
/// </summary>
public sealed class ReporterActivityDay
{
    public const string TableName = "ReporterActivity";

    public Guid ReportId { get; private set; }

    public DateOnly Day { get; private set; }

    /// <summary><see cref="AuditActions.FollowUpRead"/> or <see cref="AuditActions.ReplyReceived"/>.</summary>
    public string Action { get; private set; } = string.Empty;

    public int Count { get; private set; }
}

/// <summary>Counts a reporter's actions per day, and turns the days that are over into audit lines.</summary>
public sealed class ReporterActivity(OrganisationProfile organisation)
{
    /// <summary>Who the audit log says did it: the reporter, known only by holding the receipt.</summary>
    public const string Actor = "rapportören (kvitto)";

    /// <summary>Adds one to today's count of <paramref name="action"/> on the report, in the caller's transaction if it has one.</summary>
    public Task CountAsync(ReportingDbContext db, Guid reportId, string action, CancellationToken cancellationToken)
    {
        var today = organisation.Today();
        // One statement, so two look-ups at once add two (an upsert understood by SQLite and PostgreSQL alike).
        return db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO "ReporterActivity" ("ReportId", "Day", "Action", "Count") VALUES ({reportId}, {today}, {action}, 1) ON CONFLICT ("ReportId", "Day", "Action") DO UPDATE SET "Count" = "ReporterActivity"."Count" + 1""",
            cancellationToken);
    }

    /// <summary>
    /// Writes the counts of every day before today as audit lines dated to that day (and deletes the
    /// counts), in one transaction; returns how many lines. The lines of a run are written in the order
    /// of their report's reference, so their order in the log says nothing about the order of the day.
    /// </summary>
    public async Task<int> WriteEndedDaysAsync(ReportingDbContext db, CancellationToken cancellationToken)
    {
        var today = organisation.Today();
        var written = 0;
        await db.RunAtomicallyAsync(async () =>
        {
            var ended = await (
                from activity in db.ReporterActivity
                where activity.Day < today
                join report in db.Reports on activity.ReportId equals report.Id
                orderby activity.Day, report.ReferenceYear, report.ReferenceNumber, activity.Action
                select new { activity.ReportId, activity.Day, activity.Action, activity.Count, report.ReferenceYear, report.ReferenceNumber, report.Administration }).ToListAsync(cancellationToken);
            foreach (var line in ended)
            {
                AuditLog.AppendForDay(db, organisation.StartOfDay(line.Day), Actor, line.Action, line.ReportId,
                    new Reports.ReportReference(line.ReferenceYear, line.ReferenceNumber).ToString(), Times(line.Count), line.Administration);
            }

            await db.SaveChangesAsync(cancellationToken);
            await db.ReporterActivity.Where(a => a.Day < today).ExecuteDeleteAsync(cancellationToken);
            written = ended.Count;
        }, cancellationToken);
        return written;
    }

    private static string Times(int count) => count == 1 ? "1 gång" : $"{count.ToString(CultureInfo.InvariantCulture)} gånger";
}

/// <summary>How <see cref="ReporterActivityDay"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class ReporterActivityDayConfiguration : IEntityTypeConfiguration<ReporterActivityDay>
{
    public void Configure(EntityTypeBuilder<ReporterActivityDay> activity)
    {
        activity.ToTable(Features.Audit.ReporterActivityDay.TableName);
        activity.HasKey(a => new { a.ReportId, a.Day, a.Action });
        activity.Property(a => a.Action).HasMaxLength(40);
        activity.HasOne<Report>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
