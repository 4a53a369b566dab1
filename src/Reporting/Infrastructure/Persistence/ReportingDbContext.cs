using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Reporting.Features.Notifications;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Infrastructure.Persistence;

/// <summary>
/// The model shared by every provider. Each provider has a derived context of its own so that it
/// keeps its own migrations (see <see cref="SqliteReportingDbContext"/>).
/// </summary>
public abstract class ReportingDbContext(DbContextOptions options)
    : IdentityUserContext<CoordinatorAccount>(options), IDataProtectionKeyContext
{
    public DbSet<Report> Reports => Set<Report>();

    public DbSet<ReportStatusChange> StatusChanges => Set<ReportStatusChange>();

    /// <summary>Staff forms that have stored their report (the token's hash and the day), so a second post stores nothing.</summary>
    public DbSet<SpentFormToken> SpentFormTokens => Set<SpentFormToken>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<AlertBatch> AlertBatches => Set<AlertBatch>();

    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();

    public DbSet<StoredSecret> Secrets => Set<StoredSecret>();

    public DbSet<ReferenceCounter> ReferenceCounters => Set<ReferenceCounter>();

    public DbSet<ReportClock> ReportClock => Set<ReportClock>();

    public DbSet<ServiceState> State => Set<ServiceState>();

    public DbSet<ReportNote> Notes => Set<ReportNote>();

    public DbSet<ReportMessage> Messages => Set<ReportMessage>();

    /// <summary>Reports' photos, cleaned on arrival and sealed with the report's data key, and coordinators' redacted copies.</summary>
    public DbSet<Features.Photos.ReportPhoto> Photos => Set<Features.Photos.ReportPhoto>();

    public DbSet<Features.Records.Disclosure> Disclosures => Set<Features.Records.Disclosure>();

    public DbSet<Features.Retention.RetentionLogEntry> RetentionLog => Set<Features.Retention.RetentionLogEntry>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>Reporters' actions counted per report and day, until the day is over and they become audit lines.</summary>
    public DbSet<Features.Audit.ReporterActivityDay> ReporterActivity => Set<Features.Audit.ReporterActivityDay>();

    public DbSet<Features.SituationPicture.SituationPicture> SituationPictures => Set<Features.SituationPicture.SituationPicture>();

    public DbSet<Features.Surveys.Survey> Surveys => Set<Features.Surveys.Survey>();

    public DbSet<Features.Surveys.SurveyCode> SurveyCodes => Set<Features.Surveys.SurveyCode>();

    public DbSet<Features.Surveys.SurveyAnswer> SurveyAnswers => Set<Features.Surveys.SurveyAnswer>();

    public DbSet<CoordinatorInvitation> Invitations => Set<CoordinatorInvitation>();

    /// <summary>The report index's sealed copy, read at start instead of every report's facets (ADR 12).</summary>
    public DbSet<StoredIndexCopy> IndexCopies => Set<StoredIndexCopy>();

    /// <summary>ASP.NET Core Data Protection keys (cookies, anti-forgery), shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// The audit log is append-only: a change or a delete of an entry never reaches the database.
    /// A save that adds, changes or deletes reports advances the report clock in the same
    /// transaction and stamps the rows with the new revision, so no use case can forget to tell the
    /// indexes (ADR 9).
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        var reports = ChangeTracker.Entries<Report>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (reports.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var saved = 0;
        await this.RunAtomicallyAsync(async () =>
        {
            var revision = await ReportClockStore.AdvanceAsync(this, reports.Any(e => e.State == EntityState.Deleted), cancellationToken);
            foreach (var entry in reports.Where(e => e.State != EntityState.Deleted))
            {
                entry.Entity.StampRevision(revision);
            }

            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }, cancellationToken);
        return saved;
    }

    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only; entries cannot be changed or deleted.");
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<CoordinatorAccount>().ToTable("Coordinators");
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("CoordinatorClaims");
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("CoordinatorLogins");
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("CoordinatorTokens");

        modelBuilder.Entity<Report>(report =>
        {
            report.ToTable("Reports");
            report.HasKey(r => r.Id);
            report.Ignore(r => r.Reference);
            report.HasIndex(r => new { r.ReferenceYear, r.ReferenceNumber }).IsUnique();
            report.HasIndex(r => r.ReceiptHash).IsUnique();
            report.HasIndex(r => r.ReceivedOn);
            report.HasIndex(r => new { r.Status, r.ClosedOn });
            report.HasIndex(r => r.Revision);
            report.Property(r => r.Status).HasConversion(status => status.Code, code => ReportStatus.FromCode(code)).HasMaxLength(20);
            report.Property(r => r.KeyId).HasMaxLength(32);
            // Workflow metadata in clear (ADR 3): the codes, comma-separated, in list order.
            report.Property(r => r.ForwardedTo)
                .HasConversion(
                    codes => string.Join(',', codes),
                    text => text.Split(',', StringSplitOptions.RemoveEmptyEntries),
                    new ValueComparer<IReadOnlyList<string>>((a, b) => a!.SequenceEqual(b!), list => list.Aggregate(0, (hash, code) => HashCode.Combine(hash, code)), list => list.ToArray()))
                .HasMaxLength(100)
                .HasDefaultValue((IReadOnlyList<string>)Array.Empty<string>());
        });

        modelBuilder.Entity<SpentFormToken>(token =>
        {
            token.ToTable(SpentFormToken.TableName);
            token.HasKey(t => t.Hash);
            token.HasIndex(t => t.SpentOn);
        });

        modelBuilder.Entity<ReportStatusChange>(change =>
        {
            change.ToTable("ReportStatusChanges");
            change.HasKey(c => c.Id);
            change.Property(c => c.From).HasMaxLength(20);
            change.Property(c => c.To).HasMaxLength(20);
            change.Property(c => c.Actor).HasMaxLength(256);
            change.HasIndex(c => new { c.ReportId, c.At });
            change.HasIndex(c => c.At); // the status at a period's end reads the changes after it
            change.HasOne<Report>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Features.SituationPicture.SituationPicture>(picture =>
        {
            picture.ToTable(Features.SituationPicture.SituationPicture.TableName);
            picture.HasKey(p => p.Year);
            picture.Property(p => p.Year).ValueGeneratedNever();
            picture.HasIndex(p => p.Id).IsUnique();
            picture.Property(p => p.KeyId).HasMaxLength(32);
            // Two coordinators saving from the same version: the second update matches no row.
            picture.Property(p => p.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<Features.Surveys.Survey>(survey =>
        {
            survey.ToTable(Features.Surveys.Survey.TableName);
            survey.HasKey(s => s.Id);
            survey.HasIndex(s => s.Year).IsUnique(); // one survey per year: "the year's survey"
            survey.Property(s => s.KeyId).HasMaxLength(32);
        });

        modelBuilder.Entity<Features.Surveys.SurveyCode>(code =>
        {
            code.ToTable(Features.Surveys.SurveyCode.TableName);
            code.HasKey(c => c.Hash);
            code.HasIndex(c => c.SurveyId);
            code.HasOne<Features.Surveys.Survey>().WithMany().HasForeignKey(c => c.SurveyId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Features.Surveys.SurveyAnswer>(answer =>
        {
            answer.ToTable(Features.Surveys.SurveyAnswer.TableName);
            answer.HasKey(a => a.Id);
            answer.HasIndex(a => a.SurveyId);
            answer.HasOne<Features.Surveys.Survey>().WithMany().HasForeignKey(a => a.SurveyId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<StoredIndexCopy>(copy =>
        {
            copy.ToTable(StoredIndexCopy.TableName);
            copy.HasKey(c => c.Id);
        });

        modelBuilder.Entity<ReportNote>(note =>
        {
            note.ToTable("ReportNotes");
            note.HasKey(n => n.Id);
            note.Property(n => n.Author).HasMaxLength(256);
            note.HasIndex(n => n.ReportId);
            note.HasOne<Report>().WithMany().HasForeignKey(n => n.ReportId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ReportMessage>(message =>
        {
            message.ToTable("ReportMessages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Author).HasMaxLength(256);
            message.Ignore(m => m.From);
            // Two messages written at once cannot take the same place in the conversation.
            message.HasIndex(m => new { m.ReportId, m.Number }).IsUnique();
            message.HasOne<Report>().WithMany().HasForeignKey(m => m.ReportId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Features.Photos.ReportPhoto>(photo =>
        {
            photo.ToTable(Features.Photos.ReportPhoto.TableName);
            photo.HasKey(p => p.Id);
            photo.HasIndex(p => new { p.ReportId, p.Number }).IsUnique();
            photo.HasOne<Report>().WithMany().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Features.Records.Disclosure>(disclosure =>
        {
            disclosure.ToTable(Features.Records.Disclosure.TableName);
            disclosure.HasKey(d => d.Id);
            disclosure.HasIndex(d => d.RequestedOn);
            disclosure.HasOne<Report>().WithMany().HasForeignKey(d => d.ReportId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Features.Retention.RetentionLogEntry>(line =>
        {
            line.ToTable(Features.Retention.RetentionLogEntry.TableName);
            line.HasKey(l => l.Id);
            line.HasIndex(l => l.Day);
            line.Property(l => l.Records).HasMaxLength(20);
            line.Property(l => l.Decision).HasMaxLength(300);
        });

        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable(AuditEntry.TableName);
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Actor).HasMaxLength(256);
            entry.Property(e => e.Action).HasMaxLength(40);
            entry.Property(e => e.Reference).HasMaxLength(20);
            entry.Property(e => e.Detail).HasMaxLength(400);
            entry.HasIndex(e => e.ReportId);
            entry.HasIndex(e => e.At);
        });

        modelBuilder.Entity<Features.Audit.ReporterActivityDay>(activity =>
        {
            activity.ToTable(Features.Audit.ReporterActivityDay.TableName);
            activity.HasKey(a => new { a.ReportId, a.Day, a.Action });
            activity.Property(a => a.Action).HasMaxLength(40);
            activity.HasOne<Report>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.ApplyConfiguration(new Features.Coordinators.Passkeys.CoordinatorPasskeyConfiguration());

        modelBuilder.Entity<CoordinatorInvitation>(invitation =>
        {
            invitation.ToTable("CoordinatorInvitations");
            invitation.HasKey(i => i.Id);
            invitation.HasIndex(i => i.TokenHash).IsUnique();
            invitation.HasOne<CoordinatorAccount>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("Outbox");
            outbox.HasKey(o => o.Id);
            outbox.Property(o => o.Type).HasMaxLength(40);
            outbox.HasIndex(o => o.BatchId);
        });

        modelBuilder.Entity<AlertBatch>(batch =>
        {
            batch.ToTable("AlertBatches");
            batch.HasKey(b => b.Id);
            batch.Property(b => b.Counts).HasMaxLength(400);
        });

        modelBuilder.Entity<AlertDelivery>(delivery =>
        {
            delivery.ToTable("AlertDeliveries");
            delivery.HasKey(d => d.Id);
            delivery.Property(d => d.Recipient).HasMaxLength(320);
            delivery.Property(d => d.MessageId).HasMaxLength(200);
            delivery.Property(d => d.LastError).HasMaxLength(200);
            delivery.HasIndex(d => d.BatchId);
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

        modelBuilder.Entity<ReportClock>(clock =>
        {
            clock.ToTable(ReportClockStore.Table);
            clock.HasKey(c => c.Id);
            clock.Property(c => c.Id).ValueGeneratedNever();
            clock.HasData(new ReportClock());
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

/// <summary>The PostgreSQL flavour of the model, with its own migrations under Migrations/PostgreSql.</summary>
public sealed class PostgreSqlReportingDbContext(DbContextOptions<PostgreSqlReportingDbContext> options)
    : ReportingDbContext(options);

/// <summary>
/// Lets <c>dotnet ef migrations add … --context PostgreSqlReportingDbContext</c> build the model
/// without a server (adding a migration never connects).
/// </summary>
public sealed class PostgreSqlDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<PostgreSqlReportingDbContext>
{
    public PostgreSqlReportingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlReportingDbContext>().UseNpgsql("Host=localhost;Database=reporting_design").Options);
}
