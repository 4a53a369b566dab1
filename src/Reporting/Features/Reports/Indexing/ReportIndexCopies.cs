using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Features.Reports.Indexing;

/// <summary>
/// The index's sealed copy in the database, so a start reads one value and catches up on what
/// changed since, instead of opening every report's facets (ADR 12). It holds what the index holds
/// (codes, dates, references, never free text), sealed like a report: its own data key wrapped by
/// the current key-encryption key. It is only ever a shortcut: a copy that is missing, of another
/// format, under a key this instance does not have or damaged is ignored and the index is built
/// from the reports, as it always could be.
/// </summary>
public sealed partial class ReportIndexCopies(
    IDbContextFactory<ReportingDbContext> contexts, EnvelopeCipher cipher, OrganisationProfile organisation, Symbols.SymbolCatalogue symbols, Records.SecrecyMarking secrecy,
    ClosedQuestions questions, ILogger<ReportIndexCopies> logger)
{
    /// <summary>The index's copy as it was stored, and the report clock it was current at.</summary>
    public sealed record Stored(IReadOnlyList<IndexedReport> OldestFirst, ReportClockReading Clock);

    /// <summary>The stored copy, or null (missing or unusable: the caller builds from the reports).</summary>
    public async Task<Stored?> LoadAsync(Func<string, string> code, Func<IReadOnlyList<string>, IReadOnlyList<string>> codes, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.IndexCopies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == StoredIndexCopy.RowId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        try
        {
            var dataKey = cipher.Unwrap(new WrappedDataKey(row.KeyId, row.WrappedKey), row.Id, StoredIndexCopy.KeyPurpose);
            var plain = EnvelopeCipher.OpenContent(dataKey, row.Id, row.Content, StoredIndexCopy.ContentPurpose);
            return IndexCopyFormat.Read(plain, code, codes, questions) is { } read ? new Stored(read.OldestFirst, read.Clock) : null;
        }
        catch (Exception exception) when (exception is CryptographicException or KeyNotAvailableException or InvalidDataException or EndOfStreamException or ArgumentException)
        {
            LogUnusable(logger, exception.GetType().Name);
            return null;
        }
    }

    /// <summary>Stores the index as of <paramref name="clock"/>, replacing the copy before it (the last writer's copy wins; each is whole).</summary>
    public async Task SaveAsync(IReadOnlyList<IndexedReport> oldestFirst, ReportClockReading clock, CancellationToken cancellationToken)
    {
        var (wrapped, dataKey) = cipher.NewDataKey(StoredIndexCopy.RowId, StoredIndexCopy.KeyPurpose);
        var content = EnvelopeCipher.SealContent(dataKey, StoredIndexCopy.RowId, IndexCopyFormat.Write(oldestFirst, clock, [.. organisation.UnitCodes, .. organisation.AreaCodes, .. symbols.Codes, .. secrecy.Provisions], questions), StoredIndexCopy.ContentPurpose);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.IndexCopies.SingleOrDefaultAsync(c => c.Id == StoredIndexCopy.RowId, cancellationToken);
        if (row is null)
        {
            row = new StoredIndexCopy();
            db.IndexCopies.Add(row);
        }

        row.KeyId = wrapped.KeyId;
        row.WrappedKey = wrapped.Wrapped;
        row.Content = content;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance stored its copy at the same moment; either copy is a whole one.
        }
    }

    /// <summary>
    /// Drops the copy, or only one sealed under <paramref name="keyId"/> (key rotation and retirement:
    /// a cache is not re-wrapped; the next start builds from the reports and seals a new copy).
    /// </summary>
    public static Task DeleteAsync(ReportingDbContext db, string? keyId, CancellationToken cancellationToken) =>
        db.IndexCopies.Where(c => keyId == null || c.KeyId == keyId).ExecuteDeleteAsync(cancellationToken);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "The index's stored copy could not be used ({Failure}); the index is built from the reports")]
    private static partial void LogUnusable(ILogger logger, string failure);
}
