using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Retention;

/// <summary>The gallringslogg, newest first: what each run deleted of each class, and under which decision.</summary>
public sealed record ReadRetentionLogQuery(string Actor) : IQuery<IReadOnlyList<RetentionLogLine>>;

public sealed record RetentionLogLine(DateOnly Day, string Records, int Count, string Decision);

public sealed class ReadRetentionLogHandler(ReportingDbContext db, AuditLog audit) : IQueryHandler<ReadRetentionLogQuery, IReadOnlyList<RetentionLogLine>>
{
    public async ValueTask<IReadOnlyList<RetentionLogLine>> Handle(ReadRetentionLogQuery query, CancellationToken cancellationToken)
    {
        var lines = await db.RetentionLog.AsNoTracking().ToListAsync(cancellationToken);
        await audit.AppendNowAsync(db, query.Actor, AuditActions.AuditLogRead, detail: "gallringsloggen", cancellationToken: cancellationToken);
        return [.. lines
            .OrderByDescending(l => l.Day).ThenBy(l => RetentionClasses.All.ToList().IndexOf(l.Records))
            .Select(l => new RetentionLogLine(l.Day, l.Records, l.Count, l.Decision))];
    }
}
