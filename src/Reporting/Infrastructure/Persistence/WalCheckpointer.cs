using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Reporting.Infrastructure.Persistence;

/// <summary>
/// SQLite only: copies the write-ahead log back into the database file on a thread of its own,
/// shortly after commits, instead of SQLite's automatic checkpoint inside the commit that fills the
/// log. That commit is the group-commit writer's, intake's one serial step, so the copying (reading
/// the log, writing the pages, an fsync of the database file) held up every request waiting on it.
/// A passive checkpoint takes no lock a writer waits for. The writer keeps its own automatic
/// checkpoint, at <see cref="WriterBackstopPages"/>, for a log this one cannot empty: under steady
/// load new commits arrive while it copies, and only a checkpoint that has copied everything lets
/// the next commit start the log from the beginning (docs/decisions/0004).
/// </summary>
public sealed partial class WalCheckpointer(IDbContextFactory<ReportingDbContext> contexts, IOptions<DatabaseOptions> database, ILogger<WalCheckpointer> logger)
{
    /// <summary>
    /// The log pages at which the writer's connection checkpoints itself (SQLite's default is
    /// 1,000): about 40 MB of log at 4 KB pages, reached under sustained intake, not by a quiet day.
    /// </summary>
    public const int WriterBackstopPages = 10_000;

    /// <summary>
    /// Commits within this time are copied by one checkpoint, so a page several commits rewrote (the
    /// randomly keyed indexes' pages) is copied once. Measured at 10, 20 and 60 ms: longer copies
    /// less but each checkpoint's fsync grows and the intake's p99 with it (docs/benchmarks.md).
    /// </summary>
    internal static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(10);

    private readonly AutoResetEvent _committed = new(initialState: false);
    private volatile bool _stopping;
    private Thread? _thread;

    /// <summary>Starts the checkpointer's thread on SQLite; PostgreSQL has nothing for it to do.</summary>
    public void Start()
    {
        if (!database.Value.IsSqlite)
        {
            return;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "WAL checkpointer" };
        _thread.Start();
    }

    /// <summary>Called by the writer after each commit: cheap, it only wakes the thread.</summary>
    public void Committed() => _committed.Set();

    /// <summary>Ends the thread after the checkpoint in progress, if any; closing the last connection checkpoints what is left.</summary>
    public void Stop()
    {
        _stopping = true;
        _committed.Set();
        _thread?.Join();
    }

    private void Run()
    {
        ReportingDbContext? db = null;
        DbCommand? checkpoint = null;
        try
        {
            while (true)
            {
                _committed.WaitOne();
                if (_stopping)
                {
                    return;
                }

                Thread.Sleep(Gather);
                try
                {
                    if (db is null)
                    {
                        db = contexts.CreateDbContext();
                        db.Database.OpenConnection();
                        checkpoint = db.Database.GetDbConnection().CreateCommand();
                        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    }

                    using var result = checkpoint!.ExecuteReader();
                    if (result.Read())
                    {
                        // Columns: busy (0 or 1), pages in the log, pages copied so far.
                        LogCheckpointed(logger, result.GetInt64(2), result.GetInt64(1));
                    }
                }
                catch (Exception exception)
                {
                    // The writer's own checkpoint still bounds the log; try again on a fresh connection.
                    LogFailed(logger, exception.GetType().Name);
                    checkpoint?.Dispose();
                    checkpoint = null;
                    db?.Dispose();
                    db = null;
                }
            }
        }
        finally
        {
            checkpoint?.Dispose();
            db?.Dispose();
        }
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Debug, Message = "WAL checkpoint: {Copied} of {Pages} log pages in the database file")]
    private static partial void LogCheckpointed(ILogger logger, long copied, long pages);

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "A WAL checkpoint failed ({ExceptionType}); the writer's own checkpoint bounds the log")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
