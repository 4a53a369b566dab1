using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Infrastructure.Persistence;

/// <summary>
/// Brings the database to a usable state before anything is served: checks that the configured
/// key belongs to this database (before writing anything), applies migrations, switches SQLite to
/// WAL and unwraps the database-wide secrets.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<ReportingDbContext> contexts,
    KeyRing keys,
    DatabaseSecrets secrets,
    ILogger<DatabaseInitializer> logger)
{
    /// <summary>What the last initialisation did (the <c>migrate</c> verb reports it).</summary>
    public sealed record Run(string Database, bool Created, IReadOnlyList<string> AppliedMigrations, string LatestMigration);

    public Run? LastRun { get; private set; }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        PrepareSqliteFiles(db);

        // The key check comes first, before anything is written: a wrong key must not set up anything.
        var existing = await ReadSecretsIfPresentAsync(db, cancellationToken);
        if (existing.TryGetValue(StoredSecret.ReceiptKey, out var check))
        {
            secrets.Set(check.Name, UnwrapOrRefuse(check));
        }

        // PostgreSQL: the database itself may not exist yet (migrating creates it).
        var canConnect = await db.Database.CanConnectAsync(cancellationToken);
        var applied = new List<string>();
        var pending = new List<string>();
        await using (await MigrationLockAsync(db, canConnect, cancellationToken))
        {
            applied = canConnect ? [.. await db.Database.GetAppliedMigrationsAsync(cancellationToken)] : [];
            pending = [.. db.Database.GetMigrations().Except(applied)];
            // Up to date (every start but the first after an upgrade): EF's migrator, its lock and
            // its second look at the history are half a second of start-up for nothing.
            if (pending.Count > 0)
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        LastRun = new Run(Describe(db), applied.Count == 0, pending, db.Database.GetMigrations().LastOrDefault() ?? "none");
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            SqliteFiles.OwnerOnly(db.Database.GetConnectionString()!);
        }

        foreach (var name in StoredSecret.All)
        {
            if (existing.TryGetValue(name, out var stored))
            {
                secrets.Set(name, UnwrapOrRefuse(stored));
                continue;
            }

            var value = RandomNumberGenerator.GetBytes(32);
            db.Secrets.Add(new StoredSecret { Name = name, KeyId = keys.Current.Id, Value = EnvelopeCipher.SealSecret(keys.Current, name, value) });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                secrets.Set(name, value);
                logger.LogInformation("Set up the database secret {Secret} with {KeyId}", name, keys.Current.Id);
            }
            catch (DbUpdateException)
            {
                // Another instance set up the same secret a moment earlier: use its value.
                db.ChangeTracker.Clear();
                var theirs = await db.Secrets.AsNoTracking().SingleAsync(s => s.Name == name, cancellationToken);
                secrets.Set(name, UnwrapOrRefuse(theirs));
            }
        }
    }

    private byte[] UnwrapOrRefuse(StoredSecret secret)
    {
        if (keys.TryGet(secret.KeyId, out var kek))
        {
            try
            {
                return EnvelopeCipher.OpenSecret(kek, secret.Name, secret.Value);
            }
            catch (CryptographicException)
            {
                // Falls through to the refusal below: same cause, same message.
            }
        }

        throw new KeyMismatchException(
            $"The encryption key from {keys.Source} does not match this database (it was set up with key {secret.KeyId}). " +
            "Start refused; nothing was written. Configure the key that belongs to this database.");
    }

    /// <summary>Reads the stored secrets without creating or changing anything (the database or the table may not exist yet).</summary>
    private static async Task<Dictionary<string, StoredSecret>> ReadSecretsIfPresentAsync(ReportingDbContext db, CancellationToken cancellationToken)
    {
        var exists = db.Database.IsSqlite()
            ? File.Exists(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource)
            : await db.Database.CanConnectAsync(cancellationToken); // PostgreSQL: migrating creates the database
        if (!exists)
        {
            return [];
        }

        var findTable = db.Database.IsSqlite()
            ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'Secrets'"
            : "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'Secrets'";
        if ((await db.Database.SqlQueryRaw<string>(findTable).ToListAsync(cancellationToken)).Count == 0)
        {
            return [];
        }

        return await db.Secrets.AsNoTracking().ToDictionaryAsync(s => s.Name, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>
    /// Instances that start together on one PostgreSQL database migrate one after the other: a
    /// session advisory lock on the context's own connection, held while it migrates. (EF's own lock
    /// did not keep two instances from applying the same migration.) SQLite has one instance per file.
    /// </summary>
    private static async Task<IAsyncDisposable> MigrationLockAsync(ReportingDbContext db, bool canConnect, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql() || !canConnect)
        {
            return NoLock.Instance;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        return new PostgreSqlMigrationLock(db);
    }

    private const long MigrationLockKey = 0x5265_706f_7200;

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class PostgreSqlMigrationLock(ReportingDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})");
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The database in words, never with a password: "SQLite /data/reporting.db" or "PostgreSQL reporting on db:5432".</summary>
    private static string Describe(ReportingDbContext db)
    {
        if (db.Database.IsSqlite())
        {
            return $"SQLite {Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource)}";
        }

        var connection = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        return $"PostgreSQL {connection.Database} on {connection.Host}:{connection.Port}";
    }

    /// <summary>SQLite: the folder and the database file exist before SQLite opens them, readable by the service's user only.</summary>
    private static void PrepareSqliteFiles(ReportingDbContext db)
    {
        if (db.Database.IsSqlite())
        {
            SqliteFiles.Prepare(db.Database.GetConnectionString()!);
        }
    }
}

public sealed class KeyMismatchException(string message) : Exception(message);
