using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace Reporting.Features.Retention;

/// <summary>
/// One line of the gallringslogg: on this day, this many records of this class were deleted under
/// this decision. Written by every run for every class it applies (a zero says the run happened), and
/// kept when the records are gone: it is the trace that they were destroyed lawfully.
/// </summary>
public sealed class RetentionLogEntry
{
    public const string TableName = "RetentionLog";

    private RetentionLogEntry()
    {
    }

    public Guid Id { get; private set; }

    public DateOnly Day { get; private set; }

    /// <summary>The record class: reports, messages, notes, photos, survey-answers or audit.</summary>
    public string Records { get; private set; } = string.Empty;

    public int Count { get; private set; }

    /// <summary>The gallringsbeslut as configured ("Gallringsbeslut SN 2026/12, 2 år efter avslut").</summary>
    public string Decision { get; private set; } = string.Empty;

    /// <summary>The administration whose records went, as stored (null: the home one, as for audit lines); its coordinators read its lines only.</summary>
    public string? Administration { get; private set; }

    public static RetentionLogEntry For(Guid id, DateOnly day, string records, int count, string decision, string? administration) =>
        new() { Id = id, Day = day, Records = records, Count = count, Decision = decision, Administration = administration };
}

/// <summary>How <see cref="RetentionLogEntry"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class RetentionLogEntryConfiguration : IEntityTypeConfiguration<RetentionLogEntry>
{
    public void Configure(EntityTypeBuilder<RetentionLogEntry> line)
    {
        line.ToTable(Features.Retention.RetentionLogEntry.TableName);
        line.HasKey(l => l.Id);
        line.HasIndex(l => l.Day);
        line.Property(l => l.Records).HasMaxLength(20);
        line.Property(l => l.Decision).HasMaxLength(300);
        line.Property(l => l.Administration).HasMaxLength(40);
    }
}
