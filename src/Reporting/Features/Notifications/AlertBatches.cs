using Microsoft.EntityFrameworkCore;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Notifications;

/// <summary>
/// The outbox's queries: pending messages become one alert (a batch that counts them, with one
/// delivery per recipient), due deliveries are found by index, and a batch and the messages it took
/// are deleted once every delivery has been accepted.
/// </summary>
public static class AlertBatches
{
    public static Task<bool> AnyPendingAsync(ReportingDbContext db, CancellationToken cancellationToken) =>
        db.Outbox.AnyAsync(o => o.BatchId == null, cancellationToken);

    /// <summary>The administrations (their stored codes; null for the home one) with messages waiting for an alert.</summary>
    public static Task<List<string?>> PendingAdministrationsAsync(ReportingDbContext db, CancellationToken cancellationToken) =>
        db.Outbox.Where(o => o.BatchId == null).Select(o => o.Administration).Distinct().ToListAsync(cancellationToken);

    /// <summary>
    /// Takes every pending message of the administration into a new alert for these recipients, atomically: the messages
    /// are marked first and then counted by that mark, so one that arrives meanwhile waits for the
    /// next alert and none is counted twice. Returns the alert's counts, or null if nothing was pending.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, int>?> TakePendingAsync(
        ReportingDbContext db, Administrations.Administration administration, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, int>? counts = null;
        var code = administration.Code;
        var home = administration.IsHome;
        await db.RunAtomicallyAsync(async () =>
        {
            var batchId = RandomIds.NewGuid();
            var taken = await db.Outbox.Where(o => o.BatchId == null && (o.Administration == code || (home && o.Administration == null))).ExecuteUpdateAsync(o => o.SetProperty(m => m.BatchId, batchId), cancellationToken);
            if (taken == 0)
            {
                return;
            }

            counts = await db.Outbox.Where(o => o.BatchId == batchId).GroupBy(o => o.Type)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);
            Add(db, batchId, counts, recipients);
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return counts;
    }

    /// <summary>A new alert with given counts and no outbox messages behind it (a reminder).</summary>
    public static void Add(ReportingDbContext db, Guid batchId, IEnumerable<KeyValuePair<string, int>> counts, IReadOnlyList<string> recipients)
    {
        db.AlertBatches.Add(new AlertBatch { Id = batchId, Counts = AlertBatch.Format(counts) });
        foreach (var recipient in recipients)
        {
            db.AlertDeliveries.Add(new AlertDelivery
            {
                Id = RandomIds.NewGuid(),
                BatchId = batchId,
                Recipient = recipient,
                MessageId = $"{RandomIds.NewGuid():N}@reporting",
            });
        }
    }

    /// <summary>
    /// Deliveries due now: never tried, or retries whose time (<paramref name="isDue"/>) has come; the
    /// longest tried first. A handful of rows (recipients × alerts not yet accepted), read whole.
    /// </summary>
    public static async Task<List<AlertDelivery>> DueAsync(ReportingDbContext db, Func<Guid, bool> isDue, int limit, CancellationToken cancellationToken) =>
        [.. (await db.AlertDeliveries.OrderByDescending(d => d.Attempts).ThenBy(d => d.Id).ToListAsync(cancellationToken)).Where(d => isDue(d.Id)).Take(limit)];

    public static Task<List<Guid>> WaitingAsync(ReportingDbContext db, CancellationToken cancellationToken) =>
        db.AlertDeliveries.Select(d => d.Id).ToListAsync(cancellationToken);

    /// <summary>Alerts every recipient has accepted are done: they and the messages they counted are deleted (overwritten: secure_delete).</summary>
    public static async Task DeleteDeliveredAsync(ReportingDbContext db, CancellationToken cancellationToken)
    {
        await db.Outbox.Where(o => o.BatchId != null && !db.AlertDeliveries.Any(d => d.BatchId == o.BatchId)).ExecuteDeleteAsync(cancellationToken);
        await db.AlertBatches.Where(b => !db.AlertDeliveries.Any(d => d.BatchId == b.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
