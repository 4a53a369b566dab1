using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Reporting.Infrastructure.Persistence;

/// <summary>The background jobs that must not run on two instances at once.</summary>
public enum ExclusiveJob : long
{
    AlertSender = 0x5265_706f_7201,
    Retention = 0x5265_706f_7202,
    Reminders = 0x5265_706f_7203,
    ReporterActivity = 0x5265_706f_7204,
    SyslogForwarder = 0x5265_706f_7205,
}

/// <summary>
/// What features ask of the database in their own words; how each provider does it stays here, so
/// no feature asks which database it runs on (ADR 7).
/// </summary>
public static class DatabaseIntentions
{
    // How long a flush after a deletion keeps trying while SQLite answers busy: 100 × 50 ms.
    private const int FlushAttempts = 100;
    private static readonly TimeSpan FlushRetryDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// "Only one instance does this now." PostgreSQL (several instances): a transaction holding a
    /// transaction-scoped advisory lock, released at its end or if the process dies; null when
    /// another instance holds it. SQLite (one instance per file, whose write lock already serialises
    /// writers): a lease that is always granted and opens no transaction, because a long SQLite write
    /// transaction would hold up intake.
    /// </summary>
    public static async Task<ExclusiveJobLease?> BeginExclusiveJobAsync(this ReportingDbContext db, ExclusiveJob job, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return new ExclusiveJobLease(null);
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taken = await db.Database
            .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({(long)job}) AS \"Value\"")
            .ToListAsync(cancellationToken);
        if (taken.Single())
        {
            return new ExclusiveJobLease(transaction);
        }

        await transaction.RollbackAsync(cancellationToken);
        await transaction.DisposeAsync();
        return null;
    }

    /// <summary>Runs <paramref name="work"/> so that all of it is committed or none: inside the open transaction if there is one, else in its own.</summary>
    public static async Task RunAtomicallyAsync(this ReportingDbContext db, Func<Task> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await work();
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await work();
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// After deleting content: make sure the freed pages leave no readable copy behind. SQLite
    /// overwrites them (secure_delete) but older images may wait in the WAL until a checkpoint, so it
    /// checkpoints and truncates the WAL. A checkpoint already running (the WAL checkpointer's, after
    /// any commit) makes SQLite answer "busy" at once, and a reader still in the log makes it answer
    /// "busy" after the busy timeout, so it tries again for a while; false if the WAL could still not
    /// be emptied. PostgreSQL has nothing the service can do (VACUUM and WAL recycling are the
    /// operator's; SECURITY.md).
    /// </summary>
    public static async Task<bool> FlushDeletedPagesAsync(this ReportingDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return true;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var checkpoint = db.Database.GetDbConnection().CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            for (var attempt = 0; attempt < FlushAttempts; attempt++)
            {
                // The first column says busy (1) or done (0); then pages in the log and pages copied.
                if (Convert.ToInt64(await checkpoint.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
                {
                    return true;
                }

                await Task.Delay(FlushRetryDelay, cancellationToken);
            }

            return false;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>An exclusive job's hold on the database; complete it to keep what the job wrote.</summary>
public sealed class ExclusiveJobLease(IDbContextTransaction? transaction) : IAsyncDisposable
{
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync(); // rolls back what was not completed
        }
    }
}
