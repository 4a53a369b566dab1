using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace Reporting.Features.Reports;

/// <summary>A coordinator's internal note on a report, sealed with the report's own data key.</summary>
public sealed class ReportNote
{
    public Guid Id { get; set; }

    public Guid ReportId { get; set; }

    /// <summary>Unix milliseconds, UTC: a timestamp of handling, not of the report.</summary>
    public long WrittenAt { get; set; }

    public string Author { get; set; } = string.Empty;

    public byte[] Content { get; set; } = [];
}

/// <summary>How <see cref="ReportNote"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class ReportNoteConfiguration : IEntityTypeConfiguration<ReportNote>
{
    public void Configure(EntityTypeBuilder<ReportNote> note)
    {
        note.ToTable("ReportNotes");
        note.HasKey(n => n.Id);
        note.Property(n => n.Author).HasMaxLength(256);
        note.HasIndex(n => n.ReportId);
        note.HasOne<Report>().WithMany().HasForeignKey(n => n.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
