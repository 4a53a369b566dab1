using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Reporting.Features.Audit;
using Reporting.Features.Coordinators;
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

    public DbSet<Features.SituationPictures.SituationPicture> SituationPictures => Set<Features.SituationPictures.SituationPicture>();

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
        StampAdministrations();
        var reports = ChangeTracker.Entries<Report>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (reports.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var saved = 0;
        await this.RunAtomicallyAsync(async () =>
        {
            var revision = await ReportClockStore.AdvanceAsync(this, reports.Any(e => e.State == EntityState.Deleted), cancellationToken);
            foreach (var moved in reports.Where(e => e.State == EntityState.Modified && e.Property(r => r.Administration).IsModified))
            {
                // A transferred report takes its status changes along: the receiver's statistics count them.
                var (id, administration) = (moved.Entity.Id, moved.Entity.Administration);
                await StatusChanges.IgnoreQueryFilters().Where(c => c.ReportId == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Administration, administration), cancellationToken);
            }

            foreach (var entry in reports.Where(e => e.State != EntityState.Deleted))
            {
                entry.Entity.StampRevision(revision);
            }

            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }, cancellationToken);
        return saved;
    }

    /// <summary>
    /// A new status change belongs to its report's administration. A new audit line belongs to the acting coordinator's administration (a city coordinator's: the
    /// city's log) unless its writer said otherwise; a new survey or situation picture to the acting coordinator's (or the command line's) administration.
    /// </summary>
    private void StampAdministrations()
    {
        var statusChanges = ChangeTracker.Entries<ReportStatusChange>().Where(e => e.State == EntityState.Added).ToList();
        if (statusChanges.Count > 0)
        {
            var tracked = ChangeTracker.Entries<Report>().ToDictionary(e => e.Entity.Id, e => e.Entity.Administration);
            foreach (var added in statusChanges)
            {
                added.Entity.Administration = tracked.TryGetValue(added.Entity.ReportId, out var administration)
                    ? administration
                    : throw new InvalidOperationException("A status change is saved with its report tracked, so it takes the report's administration.");
            }
        }

        if (_scope?.Current is not null)
        {
            foreach (var added in ChangeTracker.Entries<Features.Administrations.IOwnedByAdministration>().Where(e => e.State == EntityState.Added && e.Entity.Administration.Length == 0))
            {
                added.Entity.Administration = _scope.Owned;
            }
        }

        if (_scope?.AuditLogCode is { } log)
        {
            foreach (var added in ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added && e.Entity.Administration is null))
            {
                added.Entity.Administration = log;
            }
        }
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

        modelBuilder.Entity<CoordinatorAccount>().Property(a => a.Administration).HasMaxLength(40);
        modelBuilder.Entity<CoordinatorAccount>().Property(a => a.Role).HasMaxLength(20).HasDefaultValue(CoordinatorRoles.Coordinator);

        // Every other entity is configured beside it, in its feature (an IEntityTypeConfiguration).
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReportingDbContext).Assembly);

        // Each administration's rows, once for every query (ADR 19): a request's context sees its
        // coordinator's administration only; a context from the factory (jobs, the index, the
        // command line) sees every one. Another administration's report is as absent as an unknown id.
        modelBuilder.Entity<Report>().HasQueryFilter(r => !FiltersByAdministration || r.Administration == AdministrationCode || (IncludesUnstamped && r.Administration == null));
        modelBuilder.Entity<AuditEntry>().HasQueryFilter(e => !FiltersByAdministration || e.Administration == AdministrationCode || (IncludesUnstamped && e.Administration == null));
        modelBuilder.Entity<ReportStatusChange>().HasQueryFilter(c => !FiltersByAdministration || c.Administration == AdministrationCode || (IncludesUnstamped && c.Administration == null));
        modelBuilder.Entity<Features.Retention.RetentionLogEntry>().HasQueryFilter(l => !FiltersByAdministration || l.Administration == AdministrationCode || (IncludesUnstamped && l.Administration == null));
        modelBuilder.Entity<Features.Surveys.Survey>().HasQueryFilter(s => !FiltersByAdministration || s.Administration == OwnedAdministration);
        modelBuilder.Entity<Features.SituationPictures.SituationPicture>().HasQueryFilter(p => !FiltersByAdministration || p.Administration == OwnedAdministration);
    }

    private Features.Administrations.AdministrationScope? _scope;

    /// <summary>Limits this context to the request's administration (a scoped context; see PersistenceRegistration).</summary>
    public void LimitTo(Features.Administrations.AdministrationScope scope) => _scope = scope;

    /// <summary>A context from the pool starts again seeing every administration.</summary>
    public void SeeEveryAdministration() => _scope = null;

    // Read by the query filters at each query: the scope is filled in after the context is made (authentication uses it first).
    private bool FiltersByAdministration => _scope?.Current is not null;

    private string? AdministrationCode => _scope?.Code;

    private bool IncludesUnstamped => _scope?.IncludesUnstamped ?? true;

    private string OwnedAdministration => _scope?.Owned ?? string.Empty;
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
