using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Reporting.Features.Notifications;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Infrastructure.Persistence;

/// <summary>
/// The group-commit writer's own connection with its statements prepared once: inserts for
/// reports and alerts and an upsert for the per-year reference counter. Table, column and
/// parameter types come from EF's model, so rows are stored exactly as EF stores and reads them.
/// </summary>
internal sealed class WriterSession : IDisposable
{
    private readonly ReportingDbContext _db;
    private readonly PreparedStatement _insertReport;
    private readonly PreparedStatement _insertAlert;
    private readonly PreparedStatement _insertPhoto;
    private readonly DbCommand _allocateReferences;
    private readonly DbCommand _advanceClock;
    private readonly DbCommand _spendFormToken;

    private WriterSession(ReportingDbContext db)
    {
        _db = db;
        var sql = db.GetService<ISqlGenerationHelper>();
        var connection = db.Database.GetDbConnection();
        _insertReport = PreparedStatement.Insert(db.Model.FindEntityType(typeof(Report))!, connection, sql);
        _insertAlert = PreparedStatement.Insert(db.Model.FindEntityType(typeof(OutboxMessage))!, connection, sql);
        _insertPhoto = PreparedStatement.Insert(db.Model.FindEntityType(typeof(Features.Photos.ReportPhoto))!, connection, sql);

        var counters = db.Model.FindEntityType(typeof(ReferenceCounter))!;
        var table = sql.DelimitIdentifier(counters.GetTableName()!, counters.GetSchema());
        var year = sql.DelimitIdentifier(nameof(ReferenceCounter.Year));
        var last = sql.DelimitIdentifier(nameof(ReferenceCounter.LastNumber));
        // Hands out a block of references in one statement: the upsert locks the year's counter row
        // until commit, so writers in several instances never hand out the same number.
        // Standard upsert with RETURNING, understood by SQLite (3.35+) and PostgreSQL alike.
        _allocateReferences = Command(connection,
            $"INSERT INTO {table} ({year}, {last}) VALUES (@year, @count) ON CONFLICT ({year}) DO UPDATE SET {last} = {table}.{last} + excluded.{last} RETURNING {last}",
            "@year", "@count");
        _advanceClock = ReportClockStore.AdvanceCommand(connection);

        var tokens = db.Model.FindEntityType(typeof(SpentFormToken))!;
        var tokenTable = sql.DelimitIdentifier(tokens.GetTableName()!, tokens.GetSchema());
        // Spends a form's token unless it is spent already (then no row changes), in one statement.
        _spendFormToken = Command(connection,
            $"INSERT INTO {tokenTable} ({sql.DelimitIdentifier(nameof(SpentFormToken.Hash))}, {sql.DelimitIdentifier(nameof(SpentFormToken.SpentOn))}) VALUES (@hash, @day) ON CONFLICT DO NOTHING",
            "@hash", "@day");
    }

    /// <summary>A report to store, its alert, and the hash of the staff form's single-use token when it came from the form.</summary>
    public sealed record Pending(Report Report, OutboxMessage? Alert, byte[]? FormToken, IReadOnlyList<Features.Photos.ReportPhoto> Photos);

    /// <summary>Synchronous throughout: it runs on the writer's own thread (see <see cref="ReportWriter"/>).</summary>
    public static WriterSession Open(IDbContextFactory<ReportingDbContext> contexts)
    {
        var db = contexts.CreateDbContext();
        db.Database.OpenConnection();
        if (db.Database.IsSqlite())
        {
            // 32 MB instead of SQLite's 2 MB: the randomly keyed indexes (report ids, receipt hashes)
            // stay cached, so each insert does not read its index page back from the file. The log is
            // copied back by WalCheckpointer; this connection's own checkpoint is only the backstop.
            db.Database.ExecuteSqlRaw($"PRAGMA cache_size=-32768; PRAGMA wal_autocheckpoint={WalCheckpointer.WriterBackstopPages};");
        }

        return new WriterSession(db);
    }

    /// <summary>
    /// Stores a batch of reports and their alerts in one transaction, handing out the next
    /// references of each report's counter year (<see cref="ReportReference.CounterYearFor"/>).
    /// Form tokens are spent first: a report whose form was spent already (by an earlier batch, or by
    /// its neighbour in this one) is left out before any reference is handed out, so references keep
    /// counting without gaps. Returns the reports left out.
    /// </summary>
    public IReadOnlySet<Report> Write(IReadOnlyList<Pending> pending)
    {
        using var transaction = _db.Database.GetDbConnection().BeginTransaction();
        foreach (var command in new[] { _insertReport.Command, _insertAlert.Command, _insertPhoto.Command, _allocateReferences, _advanceClock, _spendFormToken })
        {
            command.Transaction = transaction;
        }

        var alreadySent = new HashSet<Report>(ReferenceEqualityComparer.Instance);
        // In one order (by hash), so two instances' batches take the tokens' locks in the same order.
        foreach (var form in pending.Where(p => p.FormToken is not null).OrderBy(p => Convert.ToHexString(p.FormToken!), StringComparer.Ordinal))
        {
            _spendFormToken.Parameters[0].Value = form.FormToken;
            _spendFormToken.Parameters[1].Value = form.Report.ReceivedOn;
            if (_spendFormToken.ExecuteNonQuery() == 0)
            {
                alreadySent.Add(form.Report);
            }
        }

        var batch = pending.Where(p => !alreadySent.Contains(p.Report)).ToList();
        if (batch.Count == 0)
        {
            transaction.Commit();
            return alreadySent;
        }

        // Years in ascending order, so concurrent writers take the counter rows' locks in one order.
        var next = new Dictionary<int, int>();
        foreach (var group in batch.GroupBy(p => ReportReference.CounterYearFor(p.Report.ReceivedOn)).OrderBy(g => g.Key))
        {
            _allocateReferences.Parameters[0].Value = group.Key;
            _allocateReferences.Parameters[1].Value = group.Count();
            var last = Convert.ToInt32(_allocateReferences.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            next[group.Key] = last - group.Count();
        }

        // After the counters, in the order every writer takes its locks (ADR 9): one revision for the batch.
        var revision = Convert.ToInt64(_advanceClock.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (report, alert, _, photos) in batch)
        {
            report.StampRevision(revision);
            var year = ReportReference.CounterYearFor(report.ReceivedOn);
            report.AssignReference(new ReportReference(year, ++next[year]));
            _insertReport.Execute(report);
            foreach (var photo in photos)
            {
                _insertPhoto.Execute(photo);
            }

            if (alert is not null)
            {
                _insertAlert.Execute(alert);
            }
        }

        transaction.Commit();
        return alreadySent;
    }

    public void Dispose()
    {
        _insertReport.Command.Dispose();
        _insertAlert.Command.Dispose();
        _insertPhoto.Command.Dispose();
        _allocateReferences.Dispose();
        _advanceClock.Dispose();
        _spendFormToken.Dispose();
        _db.Dispose();
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

                // A numeric key the database counts up (the outbox's) is left to the database.
                if (property.IsPrimaryKey() && property.ClrType == typeof(long))
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

        public int Execute(object row)
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

            return Command.ExecuteNonQuery();
        }
    }
}
