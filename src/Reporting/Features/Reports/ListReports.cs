using Reporting.Features.Reports.Indexing;
using System.Globalization;
using FluentValidation;
using Mediator;
using Reporting.Features.Organisation;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Reports;

/// <summary>
/// The coordinator's inbox: newest first, filtered by status, received period, environment (the
/// assessed one where the coordinator has set it, as the summaries count), kind, unit and channel.
/// Everything comes from the index of codes (ADR 9): no report is decrypted to list or filter. With
/// <see cref="Excerpts"/> (the inbox page) the page's own rows, and only they, are opened for the
/// start of their description, and the audit line says so.
/// </summary>
public sealed record ListReportsQuery(
    string Actor,
    string? Status = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Environment = null,
    string? Kind = null,
    int Page = 1,
    int PageSize = 25,
    string? Unit = null,
    string? Channel = null,
    bool Excerpts = false) : IQuery<ReportList>;

/// <summary>
/// One inbox row: codes, and (on the inbox page) the start of the description. <see cref="UnreadReplies"/>
/// counts the reporter's replies no one has opened; <see cref="NotAssessedInTime"/> and
/// <see cref="OpenTooLong"/> are the reminders' markers.
/// </summary>
public sealed record ReportListItem(
    Guid Id, string Reference, DateOnly ReceivedOn, string Kind, string Environment, string Unit, string Status,
    string Channel, string? AssessedEnvironment, string? LinkedTo, int UnreadReplies, bool NotAssessedInTime, bool OpenTooLong,
    IReadOnlyList<string> Observations,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Excerpt = null);

public sealed record ReportList(IReadOnlyList<ReportListItem> Items, int Page, int PageSize, int Total);

public sealed class ListReportsValidator : AbstractValidator<ListReportsQuery>
{
    public const int MaxPageSize = 200;

    public ListReportsValidator(OrganisationProfile organisation)
    {
        RuleFor(q => q.Status).Must(s => s is null || ReportStatus.TryParse(s, out _)).WithMessage("Okänd status.");
        RuleFor(q => q.Environment).Must(e => e is null || ReportCodes.Environment.Contains(e)).WithMessage("Okänd miljö.");
        RuleFor(q => q.Kind).Must(k => k is null || ReportCodes.Kind.Contains(k)).WithMessage("Okänd typ av rapport.");
        RuleFor(q => q.Channel).Must(c => c is null || ReportCodes.Channel.Contains(c)).WithMessage("Okänd kanal.");
        RuleFor(q => q.Unit).Must(u => u is null || organisation.UnitCodes.Contains(u)).WithMessage("Okänd verksamhet.");
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Sidan måste vara 1 eller mer.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage($"Antalet per sida måste vara mellan 1 och {MaxPageSize}.");
        RuleFor(q => q.To).Must((q, to) => q.From is null || to is null || q.From <= to).WithMessage("Slutdatumet är före startdatumet.");
    }
}

public sealed class ListReportsHandler(ScopedReportIndex index, ReportingDbContext db, ReportSealer sealer, AuditLog audit, ReminderRules reminders)
    : IQueryHandler<ListReportsQuery, ReportList>
{
    public async ValueTask<ReportList> Handle(ListReportsQuery query, CancellationToken cancellationToken)
    {
        var snapshot = await index.CurrentAsync(cancellationToken);
        // One pass: count every match, keep only the page's.
        var filter = Filter(query);
        var skip = (query.Page - 1) * query.PageSize;
        var items = new List<ReportListItem>(query.PageSize);
        var total = 0;
        foreach (var report in snapshot.NewestFirst())
        {
            if (filter(report) && total++ >= skip && items.Count < query.PageSize)
            {
                items.Add(ToItem(report));
            }
        }

        if (query.Excerpts && items.Count > 0)
        {
            items = await WithExcerptsAsync(items, cancellationToken);
        }

        await audit.AppendNowAsync(db, query.Actor, AuditActions.ReportsListed, detail: Describe(query, items.Count), cancellationToken: cancellationToken);
        return new ReportList(items, query.Page, query.PageSize, total);
    }

    /// <summary>The length of an excerpt: a line's worth, cut at a word.</summary>
    public const int ExcerptLength = 120;

    private async Task<List<ReportListItem>> WithExcerptsAsync(List<ReportListItem> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(i => i.Id).ToList();
        var reports = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Reports).Where(r => ids.Contains(r.Id)), r => r.Id, cancellationToken);
        // A report deleted since the index was read keeps its row without an excerpt.
        return [.. items.Select(item => reports.TryGetValue(item.Id, out var report) ? item with { Excerpt = Excerpt(sealer.Open(report).Description) } : item)];
    }

    /// <summary>The start of a description on one line: at most <see cref="ExcerptLength"/> characters, cut at a word, with "…".</summary>
    public static string Excerpt(string description)
    {
        var line = string.Join(' ', description.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= ExcerptLength)
        {
            return line;
        }

        var cut = line.LastIndexOf(' ', ExcerptLength);
        return line[..(cut > ExcerptLength / 2 ? cut : ExcerptLength)] + "…";
    }

    /// <summary>The inbox's filters as one predicate (the property tests compare it with decrypting every report).</summary>
    public static Func<IndexedReport, bool> Filter(ListReportsQuery query)
    {
        var status = query.Status is { } code ? ReportStatus.FromCode(code) : null;
        return report =>
            (status is null || report.Status == status)
            && (query.From is not { } from || report.ReceivedOn >= from)
            && (query.To is not { } to || report.ReceivedOn <= to)
            && (query.Environment is null || report.Facets.CountedEnvironment == query.Environment)
            && (query.Kind is null || report.Facets.Kind == query.Kind)
            && (query.Unit is null || report.Facets.Unit == query.Unit)
            && (query.Channel is null || report.Facets.Channel == query.Channel);
    }

    private ReportListItem ToItem(IndexedReport report) => new(
        report.Id, report.Reference.ToString(), report.ReceivedOn, report.Facets.Kind, report.Facets.Environment, report.Facets.Unit, report.Status.Code,
        report.Facets.Channel, report.Facets.AssessedEnvironment, report.Facets.LinkedTo, report.UnreadReplies,
        reminders.NotAssessedInTime(report), reminders.OpenTooLong(report), report.Facets.Observations);

    /// <summary>Filters are codes and dates only, so the audit line can name them.</summary>
    private static string Describe(ListReportsQuery query, int shown)
    {
        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{shown} visade{(query.Excerpts ? " med utdrag ur beskrivningen" : string.Empty)}, sida {query.Page}") };
        if (query.Status is not null) { parts.Add($"status {ReportStatus.Codes.Label(query.Status)}"); }
        if (query.From is not null) { parts.Add(string.Create(CultureInfo.InvariantCulture, $"från {query.From:yyyy-MM-dd}")); }
        if (query.To is not null) { parts.Add(string.Create(CultureInfo.InvariantCulture, $"till {query.To:yyyy-MM-dd}")); }
        if (query.Environment is not null) { parts.Add($"miljö {ReportCodes.Environment.Label(query.Environment)}"); }
        if (query.Kind is not null) { parts.Add($"typ {ReportCodes.Kind.Label(query.Kind)}"); }
        if (query.Unit is not null) { parts.Add($"verksamhet {query.Unit}"); }
        if (query.Channel is not null) { parts.Add($"kanal {ReportCodes.Channel.Label(query.Channel)}"); }
        return string.Join(", ", parts);
    }
}
