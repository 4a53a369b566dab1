using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace Reporting.Infrastructure.Persistence.Records;

/// <summary>
/// One row that counts changes to reports, so every instance's index can ask "has anything changed
/// since I last looked?" with one cheap read (ADR 9). Every transaction that adds or changes reports
/// advances <see cref="Revision"/> and stamps the rows with it; one that deletes reports also
/// advances <see cref="Deletions"/>. The row is locked until commit, so revisions are handed out in
/// commit order: a reader that sees revision N has every change up to N.
/// </summary>
public sealed class ReportClock
{
    public const int SingleRow = 1;

    public int Id { get; set; } = SingleRow;

    public long Revision { get; set; }

    public long Deletions { get; set; }
}

/// <summary>How <see cref="ReportClock"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class ReportClockConfiguration : IEntityTypeConfiguration<ReportClock>
{
    public void Configure(EntityTypeBuilder<ReportClock> clock)
    {
        clock.ToTable(ReportClockStore.Table);
        clock.HasKey(c => c.Id);
        clock.Property(c => c.Id).ValueGeneratedNever();
        clock.HasData(new ReportClock());
    }
}
