using Microsoft.EntityFrameworkCore;
using Reporting.Hosting;
using Reporting.Infrastructure.Persistence.Records;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Reports.Indexing;

/// <summary>
/// At start, gives reports stored before facets existed their sealed facets (opened once from the
/// content). Idempotent: two instances doing it at once write the same facets.
/// </summary>
public sealed partial class ReportFacetsBackfill(IDbContextFactory<ReportingDbContext> contexts, ReportSealer sealer, ILogger<ReportFacetsBackfill> logger)
    : IStartupStep
{
    private const int BatchSize = 500;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Looking costs a scan of every report, so it is done until one pass finds nothing, then
        // never again (a row written later by an older instance is opened from its content by the index).
        if (await IsDoneAsync(cancellationToken))
        {
            return;
        }

        var filled = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var batch = await db.Reports.Where(r => r.Facets.Length == 0).OrderBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var report in batch)
            {
                sealer.ReplaceFacets(report, ReportFacets.Of(sealer.Open(report), ReportCodes.FormChannel));
            }

            await db.SaveChangesAsync(cancellationToken);
            filled += batch.Count;
        }

        if (filled > 0)
        {
            LogFilled(logger, filled);
        }

        await using var done = await contexts.CreateDbContextAsync(cancellationToken);
        done.State.Add(new ServiceState { Name = ServiceState.FacetsBackfilled, Value = "yes" });
        try
        {
            await done.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance finished the same pass a moment earlier.
        }
    }

    private async Task<bool> IsDoneAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.State.AnyAsync(s => s.Name == ServiceState.FacetsBackfilled, cancellationToken);
    }

    [LoggerMessage(EventId = 9006, Level = LogLevel.Information, Message = "Sealed the facets of {Reports} reports stored before facets existed")]
    private static partial void LogFilled(ILogger logger, int reports);
}
