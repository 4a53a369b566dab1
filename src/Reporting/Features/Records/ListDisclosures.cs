using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Records;

/// <summary>The year's requests and decisions (by the day asked), opened for the coordinator; the read is audited.</summary>
public sealed record ListDisclosuresQuery(string Actor, int Year) : IQuery<IReadOnlyList<DisclosureView>>;

public sealed record DisclosureView(
    Guid Id, string Reference, DateOnly RequestedOn, string Requester, string Decision, string? Ground, string? Recipient, string DecidedBy, DateOnly DecidedOn);

public sealed class ListDisclosuresHandler(ReportingDbContext db, ReportSealer sealer, AuditLog audit) : IQueryHandler<ListDisclosuresQuery, IReadOnlyList<DisclosureView>>
{
    public async ValueTask<IReadOnlyList<DisclosureView>> Handle(ListDisclosuresQuery query, CancellationToken cancellationToken)
    {
        var (first, last) = (new DateOnly(query.Year, 1, 1), new DateOnly(query.Year, 12, 31));
        var rows = await db.Disclosures.AsNoTracking()
            .Where(d => d.RequestedOn >= first && d.RequestedOn <= last)
            .Join(db.Reports.AsNoTracking(), d => d.ReportId, r => r.Id, (d, r) => new { Disclosure = d, Report = r })
            .ToListAsync(cancellationToken);
        var views = rows
            .Select(row => (row.Disclosure, row.Report, Content: sealer.OpenDisclosure(row.Report, row.Disclosure)))
            .Select(d => new DisclosureView(
                d.Disclosure.Id, d.Report.Reference.ToString(), d.Disclosure.RequestedOn, d.Content.Requester, d.Content.Decision, d.Content.Ground,
                d.Content.Recipient, d.Content.Actor, d.Content.DecidedOn))
            .OrderBy(v => v.RequestedOn).ThenBy(v => v.Reference, StringComparer.Ordinal)
            .ToList();
        await audit.AppendNowAsync(db, query.Actor, AuditActions.DisclosuresRead, detail: $"{query.Year}, {views.Count} utlämnanden", cancellationToken: cancellationToken);
        return views;
    }
}
