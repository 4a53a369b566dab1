using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace Reporting.Features.Audit;

/// <summary>
/// One line of the audit log: who did what, when, to which report. Append-only: the context
/// refuses to change or delete one, and the database refuses it too (triggers in the migration).
/// Never holds report content; <see cref="Detail"/> is built from codes and counts only.
/// </summary>
public sealed class AuditEntry
{
    public const string TableName = "AuditLog";

    public long Id { get; set; }

    /// <summary>Unix milliseconds, UTC (a number, so SQLite can order and compare it).</summary>
    public long At { get; set; }

    /// <summary>The coordinator's e-mail address, or "system" / "command line".</summary>
    public string Actor { get; set; } = string.Empty;

    /// <summary>One of <c>AuditActions</c>.</summary>
    public string Action { get; set; } = string.Empty;

    public Guid? ReportId { get; set; }

    /// <summary>The report's reference, kept so the line still reads after retention deleted the report.</summary>
    public string? Reference { get; set; }

    public string? Detail { get; set; }

    /// <summary>
    /// The administration the line belongs to: the acting coordinator's, or the report's when the
    /// service acts on one; null for the home administration (every line from before several).
    /// Stamped by the context from the request's scope when the writer does not say (ADR 19).
    /// </summary>
    public string? Administration { get; set; }
}

/// <summary>How <see cref="AuditEntry"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable(AuditEntry.TableName);
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Actor).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(40);
        entry.Property(e => e.Reference).HasMaxLength(20);
        entry.Property(e => e.Detail).HasMaxLength(400);
        entry.Property(e => e.Administration).HasMaxLength(40);
        entry.HasIndex(e => e.ReportId);
        entry.HasIndex(e => e.At);
    }
}
