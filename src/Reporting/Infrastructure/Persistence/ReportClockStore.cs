using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Infrastructure.Persistence;

/// <summary>A reading of the report clock: the last revision committed and how many deletions there have been.</summary>
public readonly record struct ReportClockReading(long Revision, long Deletions);

/// <summary>
/// Reads and advances <see cref="ReportClock"/>. Advancing is one statement (an UPDATE with
/// RETURNING, understood by SQLite and PostgreSQL alike) that locks the row until the transaction
/// ends, which is what keeps revisions in commit order across instances.
/// </summary>
public static class ReportClockStore
{
    internal const string Table = "ReportClock";

    private static readonly string AdvanceSql =
        $"UPDATE \"{Table}\" SET \"{nameof(ReportClock.Revision)}\" = \"{nameof(ReportClock.Revision)}\" + 1 WHERE \"{nameof(ReportClock.Id)}\" = {ReportClock.SingleRow} RETURNING \"{nameof(ReportClock.Revision)}\"";

    private static readonly string AdvanceWithDeletionSql =
        $"UPDATE \"{Table}\" SET \"{nameof(ReportClock.Revision)}\" = \"{nameof(ReportClock.Revision)}\" + 1, \"{nameof(ReportClock.Deletions)}\" = \"{nameof(ReportClock.Deletions)}\" + 1 WHERE \"{nameof(ReportClock.Id)}\" = {ReportClock.SingleRow} RETURNING \"{nameof(ReportClock.Revision)}\"";

    private static readonly string ReadSql =
        $"SELECT \"{nameof(ReportClock.Revision)}\", \"{nameof(ReportClock.Deletions)}\" FROM \"{Table}\" WHERE \"{nameof(ReportClock.Id)}\" = {ReportClock.SingleRow}";

    public static async Task<ReportClockReading> ReadReportClockAsync(this ReportingDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = CommandOn(db, ReadSql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new ReportClockReading(reader.GetInt64(0), reader.GetInt64(1))
                : throw new InvalidOperationException("The report clock's row is missing; run the migrations (migrate).");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Reports were deleted outside the change tracker (a bulk delete): say so, inside the same
    /// transaction, so every index drops them.
    /// </summary>
    public static async Task NoteReportsDeletedAsync(this ReportingDbContext db, CancellationToken cancellationToken) =>
        await AdvanceAsync(db, deletion: true, cancellationToken);

    /// <summary>Advances the clock inside the context's current transaction; returns the new revision.</summary>
    internal static async Task<long> AdvanceAsync(ReportingDbContext db, bool deletion, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The report clock advances only inside the transaction that changes reports.");
        }

        await using var command = CommandOn(db, deletion ? AdvanceWithDeletionSql : AdvanceSql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The group-commit writer's statement (synchronous, on its own connection and transaction).</summary>
    internal static DbCommand AdvanceCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = AdvanceSql;
        return command;
    }

    private static DbCommand CommandOn(ReportingDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }
}
