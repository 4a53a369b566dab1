using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace Reporting.Infrastructure.Persistence.Records;

/// <summary>A small named value the service keeps between restarts (such as the day the last daily alert went out: a day, never a time).</summary>
public sealed class ServiceState
{
    /// <summary>The day of the last alert with the daily schedule: a day, never a time.</summary>
    public const string LastAlertDay = "alerts.last-day";

    /// <summary>The day the last reminders went out.</summary>
    public const string LastReminderDay = "reminders.last-day";

    /// <summary>Every report stored before facets existed has been given its facets (ReportFacetsBackfill).</summary>
    public const string FacetsBackfilled = "facets.backfilled";

    public string Name { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}

/// <summary>How <see cref="ServiceState"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class ServiceStateConfiguration : IEntityTypeConfiguration<ServiceState>
{
    public void Configure(EntityTypeBuilder<ServiceState> state)
    {
        state.ToTable("ServiceState");
        state.HasKey(s => s.Name);
        state.Property(s => s.Name).HasMaxLength(60);
        state.Property(s => s.Value).HasMaxLength(200);
    }
}
