using System.Globalization;
using CsvHelper;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Audit;

/// <summary>
/// The audit log of a period, oldest first and whole, for the förvaltning's log system or its monthly
/// review: codes, accounts, references and counts (never content). A reporter's activity keeps its
/// day only. The export itself is audited.
/// </summary>
public sealed record ExportAuditLogQuery(string Actor, DateOnly? From, DateOnly? To) : IQuery<IReadOnlyList<AuditExportLine>>;

/// <summary>
/// One line as exported: <see cref="At"/> in the organisation's time zone (the day's start for a
/// reporter's activity), and whose log it is in (an administration's code, or <c>stad</c> for the city
/// coordinators' own lines).
/// </summary>
public sealed record AuditExportLine(long Id, DateTimeOffset At, bool DayOnly, string Actor, string Action, string? Reference, string? Detail, string Administration);

public sealed class ExportAuditLogValidator : AbstractValidator<ExportAuditLogQuery>
{
    /// <summary>A year at a time: an export is read whole.</summary>
    public const int MaxDays = 366;

    public ExportAuditLogValidator()
    {
        RuleFor(q => q.From).NotNull().WithName("from").WithMessage("Ange from som ÅÅÅÅ-MM-DD.");
        RuleFor(q => q.To).NotNull().WithName("to").WithMessage("Ange to som ÅÅÅÅ-MM-DD.")
            .Must((q, to) => q.From is null || to is null || q.From <= to).WithMessage("to ligger före from.")
            .Must((q, to) => q.From is null || to is null || to.Value.DayNumber - q.From.Value.DayNumber < MaxDays).WithMessage($"Högst {MaxDays} dagar åt gången.");
    }
}

public sealed class ExportAuditLogHandler(ReportingDbContext db, AuditLog audit, OrganisationProfile organisation, Administrations.AdministrationCatalogue administrations)
    : IQueryHandler<ExportAuditLogQuery, IReadOnlyList<AuditExportLine>>
{
    public async ValueTask<IReadOnlyList<AuditExportLine>> Handle(ExportAuditLogQuery query, CancellationToken cancellationToken)
    {
        var (start, end) = (organisation.StartOfDay(query.From!.Value), organisation.StartOfDay(query.To!.Value.AddDays(1)));
        var entries = await db.AuditLog.AsNoTracking().Where(e => e.At >= start && e.At < end).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        await audit.AppendNowAsync(db, query.Actor, AuditActions.AuditLogRead,
            detail: string.Create(CultureInfo.InvariantCulture, $"export {query.From:yyyy-MM-dd}–{query.To:yyyy-MM-dd}, {entries.Count} rader"), cancellationToken: cancellationToken);
        return [.. entries.Select(e => new AuditExportLine(e.Id, organisation.LocalTime(e.At), AuditActions.IsDayOnly(e.Action), e.Actor, e.Action, e.Reference, e.Detail, e.Administration ?? administrations.Home.Code))];
    }

    /// <summary>UTF-8 with a byte order mark, ";" separated: the columns of <see cref="AuditExportLine"/>, the time as ISO 8601 (the date only for day-only lines).</summary>
    public static byte[] Csv(IReadOnlyList<AuditExportLine> lines)
    {
        using var output = new MemoryStream();
        using (var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(["id", "at", "actor", "action", "reference", "detail", "administration"]);
            foreach (var line in lines)
            {
                csv.WriteRecord(
                [
                    line.Id.ToString(CultureInfo.InvariantCulture),
                    line.DayOnly ? line.At.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : line.At.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                    line.Actor, line.Action, line.Reference ?? string.Empty, line.Detail ?? string.Empty, line.Administration,
                ]);
            }
        }

        return output.ToArray();
    }
}
