using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace Reporting.Infrastructure.Persistence.Records;

/// <summary>The last human reference number handed out in a year (references are YYYY-NNN).</summary>
public sealed class ReferenceCounter
{
    public int Year { get; set; }

    public int LastNumber { get; set; }
}

/// <summary>How <see cref="ReferenceCounter"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class ReferenceCounterConfiguration : IEntityTypeConfiguration<ReferenceCounter>
{
    public void Configure(EntityTypeBuilder<ReferenceCounter> counter)
    {
        counter.ToTable("ReferenceCounters");
        counter.HasKey(c => c.Year);
        counter.Property(c => c.Year).ValueGeneratedNever();
    }
}
