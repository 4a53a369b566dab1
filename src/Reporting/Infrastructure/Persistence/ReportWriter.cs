using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Features.Notifications;
using Reporting.Features.Reports;
using Reporting.Pipeline;

namespace Reporting.Infrastructure.Persistence;

/// <summary>
/// Group commit for intake: requests hand their sealed report and its alert to this single writer,
/// which stores whatever has queued up in one transaction (reports, their outbox alerts and their
/// references) and completes each request only once its batch is durable, then signals the outbox.
/// One writer, because SQLite takes one at a time and a busy SQLite connection sleeps rather than
/// queues (docs/decisions/0004). On SQLite the log is copied back into the database file by
/// <see cref="WalCheckpointer"/>, not inside this writer's commits.
/// </summary>
public sealed partial class ReportWriter : BackgroundService
{
    private readonly Channel<PendingReport> _queue;
    private readonly int _maxBatchSize;
    private readonly IDbContextFactory<ReportingDbContext> _contexts;
    private readonly IOutboxSignal _outbox;
    private readonly WalCheckpointer _checkpointer;
    private readonly ILogger<ReportWriter> _logger;
    private readonly Telemetry.ReportingMetrics? _metrics;
    private WriterSession? _session;

    public ReportWriter(
        IDbContextFactory<ReportingDbContext> contexts, IOutboxSignal outbox, WalCheckpointer checkpointer, IOptions<IntakeOptions> options, ILogger<ReportWriter> logger,
        Telemetry.ReportingMetrics? metrics = null)
    {
        _metrics = metrics;
        _contexts = contexts;
        _outbox = outbox;
        _checkpointer = checkpointer;
        _logger = logger;
        _maxBatchSize = options.Value.MaxBatchSize;
        _queue = Channel.CreateBounded<PendingReport>(
            new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>
    /// Stores a report, its photos and its alert (none for a registered report) as they are given, in one
    /// transaction; returns the report's reference once the commit is on disk. With <paramref name="formToken"/> (the hash of a
    /// staff form's single-use token) the token is spent in the same transaction, and a form already
    /// spent stores nothing: the task fails with <see cref="FormAlreadySentException"/>.
    /// </summary>
    public Task<ReportReference> StoreAsync(Report report, OutboxMessage? alert, byte[]? formToken = null, IReadOnlyList<Features.Photos.ReportPhoto>? photos = null)
    {
        var pending = new PendingReport(report, alert, formToken, photos ?? []);
        if (!_queue.Writer.TryWrite(pending))
        {
            // Full queue or shutting down: refuse now rather than hold memory without bound.
            throw new ServiceBusyException("The intake queue is full.", TimeSpan.FromSeconds(2));
        }

        return pending.Stored.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Accept nothing new, then let ExecuteAsync drain what was already accepted.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A thread of its own rather than the thread pool's: SQLite's calls block (a commit waits for
        // fsync), and a pool thread blocked for most of each second leaves a 2-core machine one
        // thread for every request. Not cancelled by stoppingToken on purpose: accepted reports are
        // written before shutdown.
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                WriteUntilCompleted();
                finished.SetResult();
            }
            catch (Exception exception)
            {
                finished.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = "Report writer",
        };
        _checkpointer.Start();
        thread.Start();
        return finished.Task;
    }

    private void WriteUntilCompleted()
    {
        var batch = new List<PendingReport>(_maxBatchSize);
        while (WaitForReports())
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            Commit(batch);
            batch.Clear();
        }

        _checkpointer.Stop();
        _session?.Dispose();
        _session = null;
    }

    /// <summary>Blocks this thread until a report is queued; false once the queue is completed and empty.</summary>
    private bool WaitForReports()
    {
        var ready = _queue.Reader.WaitToReadAsync(CancellationToken.None);
        return ready.IsCompleted ? ready.Result : ready.AsTask().GetAwaiter().GetResult();
    }

    private void Commit(List<PendingReport> batch)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            Write(batch);
            Complete(batch);
            var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            LogCommitted(_logger, batch.Count, took.TotalMilliseconds);
            _metrics?.WriterCommitted(batch.Count, took);
            return;
        }
        catch (Exception exception) when (batch.Count > 1)
        {
            // One bad report must not fail its neighbours: retry each alone.
            LogBatchFailed(_logger, batch.Count, exception.GetType().Name);
        }
        catch (Exception exception)
        {
            LogWriteFailed(_logger, exception.GetType().Name);
            batch[0].Stored.TrySetException(NotStored());
            return;
        }

        foreach (var pending in batch)
        {
            try
            {
                Write([pending]);
                Complete([pending]);
            }
            catch (Exception exception)
            {
                LogWriteFailed(_logger, exception.GetType().Name);
                pending.Stored.TrySetException(NotStored());
            }
        }
    }

    private void Write(IReadOnlyList<PendingReport> batch)
    {
        _session ??= WriterSession.Open(_contexts);
        try
        {
            var spent = _session.Write([.. batch.Select(p => new WriterSession.Pending(p.Report, p.Alert, p.FormToken, p.Photos))]);
            foreach (var pending in batch)
            {
                pending.AlreadySent = spent.Contains(pending.Report);
            }
        }
        catch
        {
            // Start the next batch on a fresh connection rather than trust this one.
            _session.Dispose();
            _session = null;
            throw;
        }
    }

    private void Complete(IReadOnlyList<PendingReport> batch)
    {
        foreach (var pending in batch)
        {
            if (pending.AlreadySent)
            {
                pending.Stored.TrySetException(new FormAlreadySentException());
            }
            else
            {
                pending.Stored.TrySetResult(pending.Report.Reference);
            }
        }

        _outbox.Notify();
        _checkpointer.Committed();
    }

    /// <summary>The request is told to try again (503); it was not acknowledged, so nothing is lost.</summary>
    private static ServiceBusyException NotStored() => new("The report could not be stored.", TimeSpan.FromSeconds(5));

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Committed {Count} reports in {ElapsedMs:0.0} ms")]
    private static partial void LogCommitted(ILogger logger, int count, double elapsedMs);

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "A batch of {Count} reports failed ({ExceptionType}); storing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, string exceptionType);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "A report could not be stored ({ExceptionType})")]
    private static partial void LogWriteFailed(ILogger logger, string exceptionType);

    private sealed class PendingReport(Report report, OutboxMessage? alert, byte[]? formToken, IReadOnlyList<Features.Photos.ReportPhoto> photos)
    {
        public Report Report { get; } = report;

        public IReadOnlyList<Features.Photos.ReportPhoto> Photos { get; } = photos;

        public OutboxMessage? Alert { get; } = alert;

        public byte[]? FormToken { get; } = formToken;

        /// <summary>Its form had stored a report already: this one was not stored.</summary>
        public bool AlreadySent { get; set; }

        public TaskCompletionSource<ReportReference> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The staff form was posted again with a token that has already stored its report: nothing was stored.</summary>
public sealed class FormAlreadySentException() : Exception("The form has been sent already.");
