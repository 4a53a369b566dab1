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
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        EnsureSqliteDirectory(db);

        var existing = await ReadReceiptSecretIfPresentAsync(db, cancellationToken);
        if (existing is not null)
        {
            secrets.SetReceiptKey(UnwrapOrRefuse(existing));
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        if (existing is null)
        {
            var receiptKey = RandomNumberGenerator.GetBytes(32);
            db.Secrets.Add(new StoredSecret
            {
                Name = StoredSecret.ReceiptKey,
                KeyId = keys.Current.Id,
                Value = EnvelopeCipher.SealSecret(keys.Current, StoredSecret.ReceiptKey, receiptKey),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                secrets.SetReceiptKey(receiptKey);
                logger.LogInformation("Set up a new database with {KeyId}", keys.Current.Id);
            }
            catch (DbUpdateException)
            {
                // Another instance set up the same new database a moment earlier: use its secret.
                db.ChangeTracker.Clear();
                var theirs = await db.Secrets.AsNoTracking().SingleAsync(s => s.Name == StoredSecret.ReceiptKey, cancellationToken);
                secrets.SetReceiptKey(UnwrapOrRefuse(theirs));
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

    /// <summary>Reads the key check without creating or changing anything (the database or the table may not exist yet).</summary>
    private static async Task<StoredSecret?> ReadReceiptSecretIfPresentAsync(ReportingDbContext db, CancellationToken cancellationToken)
    {
        var exists = db.Database.IsSqlite()
            ? File.Exists(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource)
            : await db.Database.CanConnectAsync(cancellationToken); // PostgreSQL: migrating creates the database
        if (!exists)
        {
            return null;
        }

        var findTable = db.Database.IsSqlite()
            ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'Secrets'"
            : "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'Secrets'";
        if ((await db.Database.SqlQueryRaw<string>(findTable).ToListAsync(cancellationToken)).Count == 0)
        {
            return null;
        }

        return await db.Secrets.AsNoTracking().SingleOrDefaultAsync(s => s.Name == StoredSecret.ReceiptKey, cancellationToken);
    }

    private static void EnsureSqliteDirectory(ReportingDbContext db)
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }

        var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}

public sealed class KeyMismatchException(string message) : Exception(message);
