using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Reporting.Features.Reports;
using Reporting.Features.Reports.Indexing;

namespace Reporting.Infrastructure.Persistence;

/// <summary>
/// Reads what the report index needs (the clear columns and the sealed facets, never the content)
/// with a plain data reader: at start it reads every report, and EF's materialiser costs more per
/// row than the rest of the read. Column names come from EF's model, so they stay EF's.
/// </summary>
public static class ReportIndexRows
{
    public static async IAsyncEnumerable<SealedIndexRow> ReadIndexRowsAsync(
        this ReportingDbContext db, long? after, long upTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(Report))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        var columns = string.Join(", ", new[]
        {
            nameof(Report.Id), nameof(Report.ReferenceYear), nameof(Report.ReferenceNumber), nameof(Report.ReceivedOn), nameof(Report.Status),
            nameof(Report.ClosedOn), nameof(Report.ForwardedTo), nameof(Report.KeyId), nameof(Report.WrappedKey), nameof(Report.Facets), nameof(Report.Revision), nameof(Report.UnreadReplies),
            nameof(Report.Administration),
        }.Select(Column));
        var revision = Column(nameof(Report.Revision));
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT {columns} FROM {sql.DelimitIdentifier(entity.GetTableName()!)} WHERE {revision} <= {Parameter(command, "upTo", upTo)}"
                + (after is { } from ? $" AND {revision} > {Parameter(command, "after", from)}" : string.Empty);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return new SealedIndexRow(
                    reader.GetGuid(0),
                    new ReportReference(reader.GetInt32(1), reader.GetInt32(2)),
                    reader.GetFieldValue<DateOnly>(3),
                    ReportStatus.FromCode(reader.GetString(4)),
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5),
                    reader.GetString(6).Split(',', StringSplitOptions.RemoveEmptyEntries),
                    reader.GetString(7),
                    reader.GetFieldValue<byte[]>(8),
                    reader.GetFieldValue<byte[]>(9),
                    reader.GetInt64(10),
                    reader.GetInt32(11),
                    reader.IsDBNull(12) ? null : reader.GetString(12));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Parameter(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }
}
