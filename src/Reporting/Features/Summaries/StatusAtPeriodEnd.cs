using Microsoft.EntityFrameworkCore;
using Reporting.Features.Organisation;
using Reporting.Features.Reports.Indexing;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Summaries;

/// <summary>
/// Each report's status at the end of a period, from the status changes stored as data (never the
/// audit log's words), so a printed quarter or year does not change when reports are handled later.
/// A report's status at the end is the status before its first change after the end, or, if it has
/// not changed since, the status it has now: so only the changes after the end are read, however
/// many reports the period holds.
/// </summary>
public sealed class StatusAtPeriodEnd
{
    private readonly Dictionary<Guid, string> _changedSince;

    private StatusAtPeriodEnd(Dictionary<Guid, string> changedSince) => _changedSince = changedSince;

    public static async Task<StatusAtPeriodEnd> ReadAsync(ReportingDbContext db, OrganisationProfile organisation, DateOnly lastDay, CancellationToken cancellationToken)
    {
        var end = organisation.StartOfDay(lastDay.AddDays(1));
        var changes = await db.StatusChanges.AsNoTracking()
            .Where(c => c.At >= end)
            .OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new { c.ReportId, c.From })
            .ToListAsync(cancellationToken);
        var before = new Dictionary<Guid, string>();
        foreach (var change in changes)
        {
            before.TryAdd(change.ReportId, change.From); // the first change after the end says where it stood
        }

        return new StatusAtPeriodEnd(before);
    }

    public string Of(IndexedReport report) => _changedSince.TryGetValue(report.Id, out var status) ? status : report.Status.Code;
}
