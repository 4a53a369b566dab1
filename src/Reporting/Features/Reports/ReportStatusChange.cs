using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace Reporting.Features.Reports;

/// <summary>
/// A report's status changed, stored as data (codes, not words): the statistics rebuild a report's
/// status at the end of any period from these rows. The audit log says the same for people.
/// A timestamp of handling (ADR 3), not of the report; deleted with its report.
/// </summary>
public sealed class ReportStatusChange
{
    public long Id { get; set; }

    public Guid ReportId { get; set; }

    /// <summary>Unix milliseconds, UTC (a number, so SQLite can order and compare it).</summary>
    public long At { get; set; }

    public string From { get; set; } = string.Empty;

    public string To { get; set; } = string.Empty;

    public string Actor { get; set; } = string.Empty;

    /// <summary>
    /// Its report's administration, copied (stamped by the context from the tracked report, and moved
    /// with a transferred report), so an administration's statistics read its own changes by index
    /// rather than every administration's (ADR 19).
    /// </summary>
    public string? Administration { get; set; }

    public static ReportStatusChange Of(ReportChange change) => new()
    {
        ReportId = change.ReportId,
        At = change.At.ToUnixTimeMilliseconds(),
        From = change.From!,
        To = change.To!,
        Actor = change.Actor,
    };
}

/// <summary>How <see cref="ReportStatusChange"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class ReportStatusChangeConfiguration : IEntityTypeConfiguration<ReportStatusChange>
{
    public void Configure(EntityTypeBuilder<ReportStatusChange> change)
    {
        change.ToTable("ReportStatusChanges");
        change.HasKey(c => c.Id);
        change.Property(c => c.From).HasMaxLength(20);
        change.Property(c => c.To).HasMaxLength(20);
        change.Property(c => c.Actor).HasMaxLength(256);
        change.HasIndex(c => new { c.ReportId, c.At });
        change.HasIndex(c => c.At); // the status at a period's end reads the changes after it
        change.HasIndex(c => new { c.Administration, c.At }); // … of one administration
        change.Property(c => c.Administration).HasMaxLength(40);
        change.HasOne<Report>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
