using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Reports.Indexing;

/// <summary>
/// Every report's codes in memory, so the inbox's filters and every summary never decrypt a report
/// per request (ADR 9). Built once from the sealed facets (no description is read), then kept
/// current by asking the report clock on each use: one small read, and only what changed since is
/// loaded. The same path serves changes made by this instance, by another instance on PostgreSQL
/// and by an admin verb, so there is nothing to forget to notify. Holds codes and dates only; free
/// text never enters it. At start it reads its sealed copy (<see cref="ReportIndexCopies"/>) and
/// catches up from the copy's clock; without a usable copy it opens every report's facets, and
/// stores a new copy in the background.
/// </summary>
public sealed partial class ReportIndex(IDbContextFactory<ReportingDbContext> contexts, ReportSealer sealer, ReportIndexCopies? copies, ILogger<ReportIndex> logger)
{
    private const int Chunk = 2048;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly List<IndexedReport> _oldestFirst = [];
    // One instance per code: a hundred thousand reports share a few hundred strings.
    private readonly Dictionary<string, string> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _codeLists = new(StringComparer.Ordinal);
    private volatile ReportIndexSnapshot? _current;
    private ReportClockReading? _copyClock;
    private Task _copying = Task.CompletedTask;

    /// <summary>The index as of now: the snapshot from the last use if the clock has not moved, else one brought up to date.</summary>
    public async ValueTask<ReportIndexSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var clock = await db.ReadReportClockAsync(cancellationToken);
        if (_current is { } current && current.Clock == clock)
        {
            return current;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } fresh && fresh.Clock == clock)
            {
                return fresh;
            }

            _current = _current is null
                ? await StartAsync(db, clock, cancellationToken)
                : await CatchUpAsync(db, _current.Clock, clock, cancellationToken);
            return _current;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>
    /// Stores the index as a sealed copy if it has moved on since the last copy (at a graceful stop,
    /// so the next start has little to catch up on). Waits for a copy still being written.
    /// </summary>
    public async Task StoreCopyAsync(CancellationToken cancellationToken)
    {
        await _copying;
        if (copies is not null && _current is not null)
        {
            await SaveCopyAsync(() => CurrentAsync(cancellationToken).AsTask(), cancellationToken);
        }
    }

    /// <summary>The first use: from the sealed copy and what changed since, or else from every report.</summary>
    private async Task<ReportIndexSnapshot> StartAsync(ReportingDbContext db, ReportClockReading clock, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var stored = copies is null ? null : await copies.LoadAsync(Code, Codes, cancellationToken);
        if (stored is not null && (stored.Clock.Revision > clock.Revision || stored.Clock.Deletions > clock.Deletions))
        {
            // A copy ahead of the database cannot be caught up from it: the database was put back
            // (a restore that kept a newer copy, a hand edit). Said, then built from the reports.
            LogCopyAhead(logger, stored.Clock.Revision, clock.Revision, stored.Clock.Deletions, clock.Deletions);
            stored = null;
        }

        if (stored is not null)
        {
            _oldestFirst.Clear();
            _oldestFirst.AddRange(stored.OldestFirst);
            _copyClock = stored.Clock;
            var loaded = await CatchUpAsync(db, stored.Clock, clock, cancellationToken);
            LogLoaded(logger, loaded.Count, clock.Revision - stored.Clock.Revision, watch.ElapsedMilliseconds);
            return loaded;
        }

        var built = await BuildAsync(db, clock, cancellationToken);
        if (copies is not null)
        {
            // In the background: start-up does not wait for a copy of what it already has.
            _copying = Task.Run(() => SaveCopyAsync(() => Task.FromResult(built), CancellationToken.None), CancellationToken.None);
        }

        return built;
    }

    /// <summary>Seals and stores the snapshot unless the stored copy is already of its clock; a failure is only logged.</summary>
    private async Task SaveCopyAsync(Func<Task<ReportIndexSnapshot>> snapshot, CancellationToken cancellationToken)
    {
        try
        {
            var current = await snapshot();
            if (current.Clock != _copyClock)
            {
                await copies!.SaveAsync(current.OldestFirst, current.Clock, cancellationToken);
                _copyClock = current.Clock;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Only a shortcut for the next start: without it that start builds from the reports.
            LogCopyFailed(logger, exception.GetType().Name);
        }
    }

    private async Task<ReportIndexSnapshot> BuildAsync(ReportingDbContext db, ReportClockReading clock, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        _oldestFirst.Clear();
        // Reading and opening overlap: one task reads chunks of rows while the chunk before is opened
        // on every core (at start the index reads every report, so this is most of start-up).
        var chunks = Channel.CreateBounded<SealedIndexRow[]>(2);
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var chunk in db.ReadIndexRowsAsync(null, clock.Revision, cancellationToken).Chunk(Chunk).WithCancellation(cancellationToken))
                {
                    await chunks.Writer.WriteAsync(chunk, cancellationToken);
                }

                chunks.Writer.Complete();
            }
            catch (Exception exception)
            {
                chunks.Writer.Complete(exception);
            }
        }, cancellationToken);
        await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken))
        {
            _oldestFirst.AddRange(Open(chunk));
        }

        await reading;
        _oldestFirst.Sort((a, b) => a.Reference.CompareTo(b.Reference));
        LogBuilt(logger, _oldestFirst.Count, watch.ElapsedMilliseconds);
        return new ReportIndexSnapshot([.. _oldestFirst], clock);
    }

    private async Task<ReportIndexSnapshot> CatchUpAsync(ReportingDbContext db, ReportClockReading seen, ReportClockReading clock, CancellationToken cancellationToken)
    {
        if (clock.Deletions != seen.Deletions)
        {
            // Deleted rows leave nothing to read back, so the ids that remain say which ones went.
            var remaining = (await db.Reports.AsNoTracking().Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet();
            _oldestFirst.RemoveAll(r => !remaining.Contains(r.Id));
        }

        await foreach (var chunk in db.ReadIndexRowsAsync(seen.Revision, clock.Revision, cancellationToken).Chunk(Chunk).WithCancellation(cancellationToken))
        {
            foreach (var report in Open(chunk))
            {
                var at = ReportIndexSnapshot.IndexOf(_oldestFirst, report.Reference);
                if (at >= 0)
                {
                    _oldestFirst[at] = report;
                }
                else
                {
                    _oldestFirst.Insert(~at, report); // new reports have the highest references: at the end, in practice
                }
            }
        }

        return new ReportIndexSnapshot([.. _oldestFirst], clock);
    }

    /// <summary>Opens a chunk's facets on every core (each is an unwrap and a small AES-GCM open), then interns their codes in order.</summary>
    private IndexedReport[] Open(SealedIndexRow[] rows)
    {
        var facets = new ReportFacets[rows.Length];
        Parallel.For(0, rows.Length, i => facets[i] = rows[i].Facets.Length > 0
            ? sealer.OpenFacets(rows[i].Id, rows[i].KeyId, rows[i].WrappedKey, rows[i].Facets)
            : FacetsFromContent(rows[i].Id)); // a row written before facets existed, not yet filled in (ReportFacetsBackfill)
        var opened = new IndexedReport[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            opened[i] = new IndexedReport(row.Id, row.Reference, row.ReceivedOn, row.Status, row.ClosedOn, Codes(row.ForwardedTo), Interned(facets[i]), row.Revision, row.UnreadReplies,
                row.Administration is { } administration ? Code(administration) : null);
        }

        return opened;
    }

    private ReportFacets FacetsFromContent(Guid id)
    {
        using var db = contexts.CreateDbContext();
        var report = db.Reports.AsNoTracking().Single(r => r.Id == id);
        return ReportFacets.Of(sealer.Open(report), ReportCodes.FormChannel);
    }

    private ReportFacets Interned(ReportFacets facets) => facets with
    {
        Kind = Code(facets.Kind),
        Unit = Code(facets.Unit),
        Area = Code(facets.Area),
        Environment = Code(facets.Environment),
        Observations = Codes(facets.Observations),
        PlaceCategory = Code(facets.PlaceCategory),
        AgeGroup = Code(facets.AgeGroup),
        Gender = Code(facets.Gender),
        PeopleInvolved = Code(facets.PeopleInvolved),
        ActionsTaken = Codes(facets.ActionsTaken),
        Channel = Code(facets.Channel),
        AssessedEnvironment = facets.AssessedEnvironment is { } assessed ? Code(assessed) : null,
        OtherAnswers = facets.OtherAnswers?.ToDictionary(a => Code(a.Key), a => Codes(a.Value), StringComparer.Ordinal),
    };

    private string Code(string code)
    {
        if (_codes.TryGetValue(code, out var own))
        {
            return own;
        }

        _codes[code] = code;
        return code;
    }

    /// <summary>Lists of codes are few too (the same two observations on many reports): one instance per combination.</summary>
    private IReadOnlyList<string> Codes(IReadOnlyList<string> codes)
    {
        var key = string.Join(',', codes);
        if (_codeLists.TryGetValue(key, out var own))
        {
            return own;
        }

        IReadOnlyList<string> list = [.. codes.Select(Code)];
        _codeLists[key] = list;
        return list;
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Report index built: {Reports} reports in {Milliseconds} ms")]
    private static partial void LogBuilt(ILogger logger, int reports, long milliseconds);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Report index loaded from its sealed copy: {Reports} reports, {Revisions} revisions caught up, in {Milliseconds} ms")]
    private static partial void LogLoaded(ILogger logger, int reports, long revisions, long milliseconds);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Warning, Message = "The index's sealed copy is of report clock {CopyRevision}, ahead of the database's {Revision}; the index is built from the reports (deletions: copy {CopyDeletions}, database {Deletions})")]
    private static partial void LogCopyAhead(ILogger logger, long copyRevision, long revision, long copyDeletions, long deletions);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "The index's sealed copy was not stored ({Failure}); the next start builds from the reports")]
    private static partial void LogCopyFailed(ILogger logger, string failure);
}
