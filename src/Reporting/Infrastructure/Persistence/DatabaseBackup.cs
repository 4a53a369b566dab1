using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Reporting.Infrastructure.Persistence;

/// <summary>
/// A consistent online copy of the database (SQLite's backup API: safe while the service runs).
/// Report content stays encrypted in the copy; the key is not in it and is backed up separately.
/// The copy is readable by the service's user only (0600), like the database itself.
/// </summary>
public sealed class DatabaseBackup(IDbContextFactory<ReportingDbContext> contexts)
{
    public async Task<int> WriteAsync(string destination, CancellationToken cancellationToken)
    {
        await using (var probe = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!probe.Database.IsSqlite())
            {
                throw new IOException("backup copies a SQLite database; with PostgreSQL use pg_dump (report content stays encrypted in the dump) and back up the key separately.");
            }
        }

        var target = Path.GetFullPath(destination);
        if (File.Exists(target))
        {
            throw new IOException($"{target} exists; choose a new file name.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reports = await db.Reports.CountAsync(cancellationToken);
        var temporary = target + ".partial";
        File.Delete(temporary); // left by an interrupted run
        SqliteFiles.CreateEmpty(temporary); // 0600 before a byte is copied into it
        await using (var source = new SqliteConnection(db.Database.GetConnectionString()))
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString()))
        {
            await source.OpenAsync(cancellationToken);
            await copy.OpenAsync(cancellationToken);
            source.BackupDatabase(copy);
        }

        File.Move(temporary, target);
        return reports;
    }
}
