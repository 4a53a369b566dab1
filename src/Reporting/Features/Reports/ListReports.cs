using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Reports;

/// <summary>
/// The coordinator's inbox: newest first, filtered by status and period (in SQL) and by
/// environment and kind (after decryption: encrypted columns cannot be filtered in SQL).
/// </summary>
public sealed record ListReportsQuery(
    string Actor,
    string? Status = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Environment = null,
    string? Kind = null,
    int Page = 1,
    int PageSize = 25) : IQuery<ReportList>;

public sealed record ReportListItem(Guid Id, string Reference, DateOnly ReceivedOn, string Kind, string Environment, string Unit, string Status);

public sealed record ReportList(IReadOnlyList<ReportListItem> Items, int Page, int PageSize, int Total);

public sealed class ListReportsValidator : AbstractValidator<ListReportsQuery>
{
    public const int MaxPageSize = 200;

    public ListReportsValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || ReportStatus.TryParse(s, out _)).WithMessage("Okänd status.");
        RuleFor(q => q.Environment).Must(e => e is null || ReportCodes.Environment.Contains(e)).WithMessage("Okänd miljö.");
        RuleFor(q => q.Kind).Must(k => k is null || ReportCodes.Kind.Contains(k)).WithMessage("Okänd typ av rapport.");
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Sidan måste vara 1 eller mer.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage($"Antalet per sida måste vara mellan 1 och {MaxPageSize}.");
        RuleFor(q => q.To).Must((q, to) => q.From is null || to is null || q.From <= to).WithMessage("Slutdatumet är före startdatumet.");
    }
}

public sealed class ListReportsHandler(ReportingDbContext db, ReportSealer sealer, AuditLog audit)
    : IQueryHandler<ListReportsQuery, ReportList>
{
    public async ValueTask<ReportList> Handle(ListReportsQuery query, CancellationToken cancellationToken)
    {
        var records = db.Reports.AsNoTracking();
        if (query.Status is not null)
        {
            var status = ReportStatus.FromCode(query.Status);
            records = records.Where(r => r.Status == status);
        }

        if (query.From is { } from)
        {
            records = records.Where(r => r.ReceivedOn >= from);
        }

        if (query.To is { } to)
        {
            records = records.Where(r => r.ReceivedOn <= to);
        }

        // References grow with time within a year, so they order the inbox newest first.
        records = records.OrderByDescending(r => r.ReferenceYear).ThenByDescending(r => r.ReferenceNumber);
        var skip = (query.Page - 1) * query.PageSize;
        List<ReportListItem> items;
        int total;
        if (query.Environment is null && query.Kind is null)
        {
            total = await records.CountAsync(cancellationToken);
            var page = await records.Skip(skip).Take(query.PageSize).ToListAsync(cancellationToken);
            items = [.. page.Select(r => ToItem(r, sealer.Open(r)))];
        }
        else
        {
            var matching = new List<ReportListItem>();
            await foreach (var record in records.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                var content = sealer.Open(record);
                if ((query.Environment is null || content.Environment == query.Environment) && (query.Kind is null || content.Kind == query.Kind))
                {
                    matching.Add(ToItem(record, content));
                }
            }

            total = matching.Count;
            items = [.. matching.Skip(skip).Take(query.PageSize)];
        }

        await audit.AppendNowAsync(db, query.Actor, AuditActions.ReportsListed, detail: Describe(query, items.Count), cancellationToken: cancellationToken);
        return new ReportList(items, query.Page, query.PageSize, total);
    }

    private static ReportListItem ToItem(Report record, ReportContent content) =>
        new(record.Id, record.Reference.ToString(), record.ReceivedOn, content.Kind, content.Environment, content.Unit, record.Status.Code);

    /// <summary>Filters are codes and dates only, so the audit line can name them.</summary>
    private static string Describe(ListReportsQuery query, int shown)
    {
        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{shown} visade, sida {query.Page}") };
        if (query.Status is not null) { parts.Add($"status={query.Status}"); }
        if (query.From is not null) { parts.Add(string.Create(CultureInfo.InvariantCulture, $"från={query.From:yyyy-MM-dd}")); }
        if (query.To is not null) { parts.Add(string.Create(CultureInfo.InvariantCulture, $"till={query.To:yyyy-MM-dd}")); }
        if (query.Environment is not null) { parts.Add($"miljö={query.Environment}"); }
        if (query.Kind is not null) { parts.Add($"typ={query.Kind}"); }
        return string.Join(", ", parts);
    }
}
