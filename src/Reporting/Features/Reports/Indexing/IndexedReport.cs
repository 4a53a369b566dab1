namespace Reporting.Features.Reports.Indexing;

/// <summary>
/// One report as the index holds it: the clear workflow columns and the opened facets (codes and
/// dates, never free text), and the administration it belongs to (null: the home one). Immutable; a
/// change replaces the entry.
/// </summary>
public sealed record IndexedReport(
    Guid Id,
    ReportReference Reference,
    DateOnly ReceivedOn,
    ReportStatus Status,
    DateOnly? ClosedOn,
    IReadOnlyList<string> ForwardedTo,
    ReportFacets Facets,
    long Revision,
    int UnreadReplies = 0,
    string? Administration = null);

/// <summary>A report's row as the index reads it: the clear columns and the still sealed facets (never the content).</summary>
public sealed record SealedIndexRow(
    Guid Id,
    ReportReference Reference,
    DateOnly ReceivedOn,
    ReportStatus Status,
    DateOnly? ClosedOn,
    IReadOnlyList<string> ForwardedTo,
    string KeyId,
    byte[] WrappedKey,
    byte[] Facets,
    long Revision,
    int UnreadReplies,
    string? Administration);
