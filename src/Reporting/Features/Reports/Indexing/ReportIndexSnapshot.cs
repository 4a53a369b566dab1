using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Reports.Indexing;

/// <summary>
/// The index at one revision of the report clock: every report, oldest reference first. Readers
/// keep the snapshot they were given for the whole request, so a page and its counts agree.
/// </summary>
public sealed class ReportIndexSnapshot
{
    /// <summary>How far a chain of links is followed: links are refused when they would form a cycle, so this only guards against a damaged row.</summary>
    private const int MaxLinkDepth = 64;

    private readonly IndexedReport[] _oldestFirst;

    // Each administration's part of this snapshot, made on first use and kept with it (ADR 19).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ReportIndexSnapshot> _parts = new(StringComparer.Ordinal);

    internal ReportIndexSnapshot(IndexedReport[] oldestFirst, ReportClockReading clock)
    {
        _oldestFirst = oldestFirst;
        Clock = clock;
    }

    public static ReportIndexSnapshot Empty { get; } = new([], default);

    public ReportClockReading Clock { get; }

    /// <summary>
    /// The reports a request's scope sees: its administration's part of the index (every report for
    /// a scope without one: jobs and the command line). Every reader of the index takes it through here.
    /// </summary>
    public ReportIndexSnapshot For(Administrations.AdministrationScope scope) =>
        scope.Current is not { } administration
            ? this
            : _parts.GetOrAdd(administration.Code, _ => new ReportIndexSnapshot(Part(administration), Clock));

    /// <summary>
    /// An administration's reports copied next to each other: in the whole index they are every
    /// eighteenth entry, and a filter that walks them would wait on memory for each (the entries and
    /// their facets are small; the copy lives as long as this snapshot).
    /// </summary>
    private IndexedReport[] Part(Administrations.Administration administration) =>
        [.. _oldestFirst.Where(r => administration.Owns(r.Administration)).Select(r => r with { Facets = r.Facets with { } })];

    public int Count => _oldestFirst.Length;

    public IReadOnlyList<IndexedReport> OldestFirst => _oldestFirst;

    /// <summary>The inbox's order: references grow with time within a year, so the highest is the newest.</summary>
    public IEnumerable<IndexedReport> NewestFirst()
    {
        for (var i = _oldestFirst.Length - 1; i >= 0; i--)
        {
            yield return _oldestFirst[i];
        }
    }

    public IEnumerable<IndexedReport> ReceivedBetween(DateOnly from, DateOnly to) =>
        _oldestFirst.Where(r => r.ReceivedOn >= from && r.ReceivedOn <= to);

    public IndexedReport? Find(ReportReference reference)
    {
        var at = IndexOf(_oldestFirst, reference);
        return at >= 0 ? _oldestFirst[at] : null;
    }

    public IndexedReport? Find(Guid id) => _oldestFirst.FirstOrDefault(r => r.Id == id);

    /// <summary>Reports that name <paramref name="reference"/> as the one standing for the same event.</summary>
    public IEnumerable<IndexedReport> LinkedTo(ReportReference reference)
    {
        var text = reference.ToString();
        return _oldestFirst.Where(r => r.Facets.LinkedTo == text);
    }

    /// <summary>
    /// The report that stands for this one's event: follow the links to the report that links to no
    /// other (a link to a report that no longer exists ends the chain where it is).
    /// </summary>
    public ReportReference EventOf(IndexedReport report)
    {
        var current = report;
        for (var depth = 0; depth < MaxLinkDepth && current.Facets.LinkedTo is { } link; depth++)
        {
            if (!ReportReference.TryParse(link, out var target) || Find(target) is not { } next)
            {
                break;
            }

            current = next;
        }

        return current.Reference;
    }

    /// <summary>How many events these reports stand for: reports linked (directly or through others) to one report count once.</summary>
    public int CountEvents(IEnumerable<IndexedReport> reports) => reports.Select(EventOf).Distinct().Count();

    internal static int IndexOf(IReadOnlyList<IndexedReport> oldestFirst, ReportReference reference)
    {
        int low = 0, high = oldestFirst.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var compared = oldestFirst[middle].Reference.CompareTo(reference);
            if (compared == 0)
            {
                return middle;
            }

            if (compared < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }
}
