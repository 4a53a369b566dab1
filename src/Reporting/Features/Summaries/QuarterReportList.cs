using Microsoft.EntityFrameworkCore;
using Reporting.Features.Reports;
using Reporting.Features.Reports.Indexing;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Summaries;

/// <summary>
/// The internal PDF's list of the quarter's reports, opened a chunk of rows at a time as the layout
/// reaches them: the codes come from the index, the descriptions are decrypted for one chunk and
/// dropped when the layout moves on, so a quarter of 10,000 reports is never held decrypted whole
/// (it was a third of the PDF's memory). The layout walks the list twice (counting the pages, then
/// drawing them), so each chunk is opened twice; opening costs ≈ 14 µs a report.
/// </summary>
public sealed class QuarterReportList(
    IReadOnlyList<IndexedReport> reports, StatusAtPeriodEnd statusAtEnd, ReportingDbContext db, ReportSealer sealer) : IReadOnlyList<QuarterReportLine>
{
    /// <summary>Rows opened by one query; small enough to be garbage soon, large enough that the queries do not add up.</summary>
    internal const int ChunkSize = 250;

    /// <summary>What a row says if its report was deleted (retention) between the snapshot and the drawing.</summary>
    internal const string DeletedMeanwhile = "(Rapporten raderades medan sammanställningen skrevs.)";

    private int _chunkStart = -1;
    private QuarterReportLine[] _chunk = [];

    public int Count => reports.Count;

    public QuarterReportLine this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var start = index - index % ChunkSize;
            if (start != _chunkStart)
            {
                _chunk = Open(start);
                _chunkStart = start;
            }

            return _chunk[index - start];
        }
    }

    public IEnumerator<QuarterReportLine> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Synchronous, because the layout that asks is: the PDF is drawn on the request's thread in one
    /// go, and Microsoft.Data.Sqlite's reads are synchronous underneath anyway.
    /// </summary>
    private QuarterReportLine[] Open(int start)
    {
        var rows = Enumerable.Range(start, Math.Min(ChunkSize, Count - start)).Select(i => reports[i]).ToList();
        var ids = rows.Select(r => r.Id).ToList();
        var descriptions = db.Reports.AsNoTracking()
            .Where(r => ids.Contains(r.Id))
            .AsEnumerable()
            .ToDictionary(r => r.Id, r => sealer.Open(r).Description);
        // The photos as received (not the redacted copies) are counted, never shown: no image in any document.
        var photos = db.Photos.AsNoTracking()
            .Where(p => ids.Contains(p.ReportId) && p.RedactedFrom == null)
            .GroupBy(p => p.ReportId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionary(g => g.Key, g => g.Count);
        return [.. rows.Select(r => new QuarterReportLine(
            r.Reference.ToString(), r.ReceivedOn, r.Facets.OccurredOn, r.Facets.Unit, r.Facets.Kind, r.Facets.CountedEnvironment,
            r.Facets.Observations, statusAtEnd.Of(r), descriptions.GetValueOrDefault(r.Id, DeletedMeanwhile), photos.GetValueOrDefault(r.Id), r.Facets.Secrecy))];
    }
}
