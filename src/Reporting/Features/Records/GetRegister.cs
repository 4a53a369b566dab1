using Mediator;
using Reporting.Features.Audit;
using Reporting.Features.Reports.Indexing;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Records;

/// <summary>
/// The register extract (diarieutdrag) of a year: one line per report received that year, in reference
/// order, with what a public register shows and nothing of the content. Read from the index of codes
/// (nothing is decrypted but the facets it already holds). Every extract is audited.
/// </summary>
public sealed record GetRegisterQuery(string Actor, int Year, string Format) : IQuery<RegisterExtract>;

public sealed record RegisterExtract(int Year, IReadOnlyList<RegisterLine> Lines);

/// <summary>One report as the register lists it; <see cref="Secrecy"/> null when it carries no marking.</summary>
public sealed record RegisterLine(string Reference, DateOnly ReceivedOn, string Title, string Channel, string? Secrecy);

public sealed class GetRegisterHandler(ScopedReportIndex index, ReportingDbContext db, AuditLog audit) : IQueryHandler<GetRegisterQuery, RegisterExtract>
{
    /// <summary>The same title on every line: the kind of document, never what it is about.</summary>
    public const string Title = "Rapport om oro eller händelse – våldsbejakande extremism";

    public async ValueTask<RegisterExtract> Handle(GetRegisterQuery query, CancellationToken cancellationToken)
    {
        var snapshot = await index.CurrentAsync(cancellationToken);
        var lines = snapshot.ReceivedBetween(new DateOnly(query.Year, 1, 1), new DateOnly(query.Year, 12, 31))
            .OrderBy(r => r.Reference.Year).ThenBy(r => r.Reference.Number)
            .Select(r => new RegisterLine(r.Reference.ToString(), r.ReceivedOn, Title, r.Facets.Channel, r.Facets.Secrecy))
            .ToList();
        await audit.AppendNowAsync(db, query.Actor, AuditActions.RegisterExported, detail: $"{query.Year}, {lines.Count} rapporter, {query.Format}", cancellationToken: cancellationToken);
        return new RegisterExtract(query.Year, lines);
    }
}
