using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Infrastructure.Persistence;
using Reporting.Features.Organisation;

namespace Reporting.Features.Audit;

/// <summary>The audit log as coordinators read it: newest first, filtered by report, person, action and period.</summary>
public sealed record ListAuditEntriesQuery(
    string Actor,
    string? Reference = null,
    string? Person = null,
    string? Action = null,
    DateOnly? From = null,
    DateOnly? To = null,
    int Page = 1,
    int PageSize = 50) : IQuery<AuditPage>;

/// <summary>One line; <see cref="DayOnly"/> lines (a reporter's activity) hold the day only, so only the date is shown.</summary>
public sealed record AuditLine(long Id, DateTimeOffset At, bool DayOnly, string Actor, string Action, string ActionLabel, Guid? ReportId, string? Reference, string? Detail);

public sealed record AuditPage(IReadOnlyList<AuditLine> Items, int Page, int PageSize, int Total);

public sealed class ListAuditEntriesValidator : AbstractValidator<ListAuditEntriesQuery>
{
    public ListAuditEntriesValidator()
    {
        RuleFor(q => q.Action).Must(a => a is null || AuditActions.All.Contains(a)).WithMessage("Okänd händelsetyp.");
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
        RuleFor(q => q.To).Must((q, to) => q.From is null || to is null || q.From <= to).WithMessage("Slutdatum före startdatum.");
    }
}

public sealed class ListAuditEntriesHandler(ReportingDbContext db, AuditLog audit, OrganisationProfile organisation)
    : IQueryHandler<ListAuditEntriesQuery, AuditPage>
{
    public async ValueTask<AuditPage> Handle(ListAuditEntriesQuery query, CancellationToken cancellationToken)
    {
        var entries = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Reference))
        {
            var reference = query.Reference.Trim();
            entries = entries.Where(e => e.Reference == reference);
        }

        if (!string.IsNullOrWhiteSpace(query.Person))
        {
            var person = query.Person.Trim().ToLowerInvariant();
            entries = entries.Where(e => e.Actor.ToLower().Contains(person));
        }

        if (query.Action is not null)
        {
            entries = entries.Where(e => e.Action == query.Action);
        }

        if (query.From is { } from)
        {
            var start = organisation.StartOfDay(from);
            entries = entries.Where(e => e.At >= start);
        }

        if (query.To is { } to)
        {
            var end = organisation.StartOfDay(to.AddDays(1));
            entries = entries.Where(e => e.At < end);
        }

        var total = await entries.CountAsync(cancellationToken);
        var page = await entries.OrderByDescending(e => e.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .ToListAsync(cancellationToken);

        await audit.AppendNowAsync(db, query.Actor, AuditActions.AuditLogRead, cancellationToken: cancellationToken);
        var items = page.Select(e => new AuditLine(
            e.Id,
            organisation.LocalTime(e.At),
            AuditActions.IsDayOnly(e.Action),
            e.Actor,
            e.Action,
            AuditActions.Label(e.Action),
            e.ReportId,
            e.Reference,
            e.Detail)).ToList();
        return new AuditPage(items, query.Page, query.PageSize, total);
    }
}
