using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Infrastructure.Persistence;

/// <summary>
/// The group-commit writer's own connection with its statements prepared once: inserts for
/// reports and alerts and an upsert for the per-year reference counter. Table, column and
/// parameter types come from EF's model, so rows are stored exactly as EF stores and reads them.
/// </summary>
internal sealed class WriterSession : IAsyncDisposable
{
    private readonly ReportingDbContext _db;
    private readonly PreparedStatement _insertReport;
    private readonly PreparedStatement _insertAlert;
    private readonly DbCommand _readCounter;
    private readonly DbCommand _upsertCounter;

    private WriterSession(ReportingDbContext db)
    {
        _db = db;
        var sql = db.GetService<ISqlGenerationHelper>();
        var connection = db.Database.GetDbConnection();
        _insertReport = PreparedStatement.Insert(db.Model.FindEntityType(typeof(ReportRecord))!, connection, sql);
        _insertAlert = PreparedStatement.Insert(db.Model.FindEntityType(typeof(OutboxMessage))!, connection, sql);

        var counters = db.Model.FindEntityType(typeof(ReferenceCounter))!;
        var table = sql.DelimitIdentifier(counters.GetTableName()!, counters.GetSchema());
        var year = sql.DelimitIdentifier(nameof(ReferenceCounter.Year));
        var last = sql.DelimitIdentifier(nameof(ReferenceCounter.LastNumber));
        _readCounter = Command(connection, $"SELECT {last} FROM {table} WHERE {year} = @year", "@year");
        // Standard upsert, understood by SQLite and PostgreSQL alike.
        _upsertCounter = Command(connection, $"INSERT INTO {table} ({year}, {last}) VALUES (@year, @last) ON CONFLICT ({year}) DO UPDATE SET {last} = excluded.{last}", "@year", "@last");
    }

    public static async Task<WriterSession> OpenAsync(IDbContextFactory<ReportingDbContext> contexts)
    {
        var db = await contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        return new WriterSession(db);
    }

    /// <summary>Stores a batch in one transaction, handing out the next references of each year.</summary>
    public async Task WriteAsync(IEnumerable<ReportRecord> reports, Func<ReportRecord, OutboxMessage> alertFor)
    {
        await using var transaction = await _db.Database.GetDbConnection().BeginTransactionAsync();
        foreach (var command in new[] { _insertReport.Command, _insertAlert.Command, _readCounter, _upsertCounter })
        {
            command.Transaction = transaction;
        }

        var next = new Dictionary<int, int>();
        foreach (var report in reports)
        {
            var year = report.ReceivedOn.Year;
            if (!next.TryGetValue(year, out var last))
            {
                _readCounter.Parameters[0].Value = year;
                last = await _readCounter.ExecuteScalarAsync() is { } value and not DBNull ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            }

            next[year] = ++last;
            report.ReferenceYear = year;
            report.ReferenceNumber = last;
            await _insertReport.ExecuteAsync(report);
            await _insertAlert.ExecuteAsync(alertFor(report));
        }

        foreach (var (year, last) in next)
        {
            _upsertCounter.Parameters[0].Value = year;
            _upsertCounter.Parameters[1].Value = last;
            await _upsertCounter.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _insertReport.Command.DisposeAsync();
        await _insertAlert.Command.DisposeAsync();
        await _readCounter.DisposeAsync();
        await _upsertCounter.DisposeAsync();
        await _db.DisposeAsync();
    }

    private static DbCommand Command(DbConnection connection, string text, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>An INSERT for one entity, with parameters made by EF's type mappings (converters included).</summary>
    private sealed class PreparedStatement(DbCommand command, (IProperty Property, DbParameter Parameter, RelationalTypeMapping Mapping)[] columns)
    {
        public DbCommand Command { get; } = command;

        public static PreparedStatement Insert(IEntityType entity, DbConnection connection, ISqlGenerationHelper sql)
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var command = connection.CreateCommand();
            var columns = new List<(IProperty, DbParameter, RelationalTypeMapping)>();
            var names = new List<string>();
            var placeholders = new List<string>();
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName(table) is not { } column)
                {
                    continue;
                }

                var mapping = property.GetRelationalTypeMapping();
                var name = $"p{columns.Count}";
                var parameter = mapping.CreateParameter(command, sql.GenerateParameterName(name), null, property.IsNullable);
                command.Parameters.Add(parameter);
                columns.Add((property, parameter, mapping));
                names.Add(sql.DelimitIdentifier(column));
                placeholders.Add(sql.GenerateParameterNamePlaceholder(name));
            }

            command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", placeholders)})";
            return new PreparedStatement(command, [.. columns]);
        }

        public Task<int> ExecuteAsync(object row)
        {
            foreach (var (property, parameter, mapping) in columns)
            {
                var value = property.GetGetter().GetClrValue(row);
                if (value is not null && mapping.Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                parameter.Value = value ?? DBNull.Value;
            }

            return Command.ExecuteNonQueryAsync();
        }
    }
}
