using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Reports;

/// <summary>A reporter reads their receipt code out on the phone; the coordinator finds the report by it (only the keyed hash is stored).</summary>
public sealed record FindReportByReceiptQuery(string Actor, string? Code) : IQuery<Guid?>;

public sealed class FindReportByReceiptHandler(ReportingDbContext db, ReceiptCode receipts, AuditLog audit)
    : IQueryHandler<FindReportByReceiptQuery, Guid?>
{
    public async ValueTask<Guid?> Handle(FindReportByReceiptQuery query, CancellationToken cancellationToken)
    {
        if (ReceiptCode.Normalise(query.Code) is not { } code)
        {
            return null;
        }

        var hash = receipts.Hash(code);
        var record = await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.ReceiptHash == hash, cancellationToken);
        await audit.AppendNowAsync(db, query.Actor, AuditActions.ReceiptLookedUp, record, record is null ? "ingen träff" : "träff", cancellationToken: cancellationToken);
        return record?.Id;
    }
}
