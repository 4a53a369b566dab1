using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Reporting.Features.Audit;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Summaries;

/// <summary>The yearly PDF, internal or shareable; every export is written to the audit log.</summary>
public sealed record ExportYearSummaryQuery(string Actor, int Year, SummaryVariant Variant) : IQuery<SummaryPdf>;

public sealed class ExportYearSummaryValidator : AbstractValidator<ExportYearSummaryQuery>
{
    public ExportYearSummaryValidator(OrganisationProfile organisation)
    {
        RuleFor(q => q.Year).Must(year => SummaryYears.IsValid(year, organisation)).WithName("year").WithMessage(SummaryYears.Message);
    }
}

public sealed class ExportYearSummaryHandler(
    YearAggregation aggregation,
    ReportingDbContext db,
    AuditLog audit,
    OrganisationProfile organisation,
    IOptions<SummariesOptions> options,
    TimeProvider time) : IQueryHandler<ExportYearSummaryQuery, SummaryPdf>
{
    public async ValueTask<SummaryPdf> Handle(ExportYearSummaryQuery query, CancellationToken cancellationToken)
    {
        var summary = await aggregation.BuildAsync(query.Year, cancellationToken);
        var document = new YearlySummaryDocument(summary, query.Variant, organisation, options.Value.SuppressBelow, time.GetUtcNow());
        var pdf = document.Render();
        await audit.AppendNowAsync(db, query.Actor, AuditActions.SummaryExported,
            detail: $"{query.Year} årssammanställning {document.VariantLabel.ToLowerInvariant()}, {summary.Total} rapporter", cancellationToken: cancellationToken);
        return new SummaryPdf(pdf, $"arssammanstallning-{query.Year}-{(query.Variant == SummaryVariant.Internal ? "intern" : "delbar")}.pdf", summary.Total);
    }
}

/// <summary>Which years a summary can be asked for: from 2000 to this year (a year in the future has nothing to count).</summary>
public static class SummaryYears
{
    public const string Message = "Ange ett år som 2026, högst innevarande år.";

    public static bool IsValid(int year, OrganisationProfile organisation) =>
        year >= 2000 && year <= organisation.Today().Year;

    /// <summary>A year from a route or an option ("2026"), or a 400 naming the field.</summary>
    public static int Parse(string? value) =>
        TryParse(value, out var year) ? year : throw Pipeline.RequestValidationException.For("year", Message);

    /// <summary>Four ASCII digits; whether the year is allowed is the validator's question.</summary>
    public static bool TryParse(string? value, out int year)
    {
        year = 0;
        return value is { Length: 4 } && value.All(char.IsAsciiDigit) && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out year);
    }
}
