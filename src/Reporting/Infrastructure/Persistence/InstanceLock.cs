using Microsoft.EntityFrameworkCore;

namespace Reporting.Infrastructure.Persistence;

/// <summary>
/// "Only one instance does this at a time" for background work on a shared database. On
/// PostgreSQL a transaction-scoped advisory lock (released at commit or rollback, also if the
/// process dies); on SQLite there is one instance per database file, and its write lock already
/// serialises writers, so the lock is always granted.
/// </summary>
public static class InstanceLock
{
    /// <summary>The background jobs that must not run on two instances at once.</summary>
    public enum Job : long
    {
        AlertSender = 0x5265_706f_7201,
        Retention = 0x5265_706f_7202,
    }

    /// <summary>Tries to take the job's lock for the current transaction; false when another instance holds it.</summary>
    public static async Task<bool> TryTakeAsync(ReportingDbContext db, Job job, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return true;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An instance lock is taken inside a transaction.");
        }

        var taken = await db.Database
            .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({(long)job}) AS \"Value\"")
            .ToListAsync(cancellationToken);
        return taken.Single();
    }
}
