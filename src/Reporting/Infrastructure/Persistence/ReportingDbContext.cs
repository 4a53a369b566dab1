using Microsoft.EntityFrameworkCore;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Infrastructure.Persistence;

/// <summary>
/// The model shared by every provider. Each provider has a derived context of its own so that it
/// keeps its own migrations (see <see cref="SqliteReportingDbContext"/>).
/// </summary>
public abstract class ReportingDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ReportRecord> Reports => Set<ReportRecord>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<StoredSecret> Secrets => Set<StoredSecret>();

    public DbSet<ReferenceCounter> ReferenceCounters => Set<ReferenceCounter>();

    public DbSet<ServiceState> State => Set<ServiceState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReportRecord>(report =>
        {
            report.ToTable("Reports");
            report.HasKey(r => r.Id);
            report.Ignore(r => r.Reference);
            report.HasIndex(r => new { r.ReferenceYear, r.ReferenceNumber }).IsUnique();
            report.HasIndex(r => r.ReceiptHash).IsUnique();
            report.HasIndex(r => r.ReceivedOn);
            report.HasIndex(r => new { r.Status, r.ClosedOn });
            report.Property(r => r.Status).HasMaxLength(20);
            report.Property(r => r.KeyId).HasMaxLength(32);
        });

        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("Outbox");
            outbox.HasKey(o => o.Id);
            outbox.Property(o => o.Type).HasMaxLength(40);
            outbox.Property(o => o.MessageId).HasMaxLength(200);
            outbox.Property(o => o.LastError).HasMaxLength(200);
            outbox.HasIndex(o => new { o.SentAt, o.NextAttemptAt });
        });

        modelBuilder.Entity<StoredSecret>(secret =>
        {
            secret.ToTable("Secrets");
            secret.HasKey(s => s.Name);
            secret.Property(s => s.Name).HasMaxLength(40);
            secret.Property(s => s.KeyId).HasMaxLength(32);
        });

        modelBuilder.Entity<ServiceState>(state =>
        {
            state.ToTable("ServiceState");
            state.HasKey(s => s.Name);
            state.Property(s => s.Name).HasMaxLength(60);
            state.Property(s => s.Value).HasMaxLength(200);
        });

        modelBuilder.Entity<ReferenceCounter>(counter =>
        {
            counter.ToTable("ReferenceCounters");
            counter.HasKey(c => c.Year);
            counter.Property(c => c.Year).ValueGeneratedNever();
        });
    }
}

/// <summary>The SQLite flavour of the model, with its own migrations under Migrations/Sqlite.</summary>
public sealed class SqliteReportingDbContext(DbContextOptions<SqliteReportingDbContext> options)
    : ReportingDbContext(options);
