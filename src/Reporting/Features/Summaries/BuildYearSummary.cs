using FluentValidation;
using Mediator;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Summaries;

/// <summary>The year's counts (see <see cref="YearAggregation"/>); reading them is audited like an export.</summary>
public sealed record BuildYearSummaryQuery(string Actor, int Year) : IQuery<YearSummary>;

public sealed class BuildYearSummaryValidator : AbstractValidator<BuildYearSummaryQuery>
{
    public BuildYearSummaryValidator(Organisation.OrganisationProfile organisation)
    {
        RuleFor(q => q.Year).Must(year => SummaryYears.IsValid(year, organisation)).WithName("year").WithMessage(SummaryYears.Message);
    }
}

public sealed class BuildYearSummaryHandler(YearAggregation aggregation, ReportingDbContext db, AuditLog audit)
    : IQueryHandler<BuildYearSummaryQuery, YearSummary>
{
    public async ValueTask<YearSummary> Handle(BuildYearSummaryQuery query, CancellationToken cancellationToken)
    {
        var summary = await aggregation.BuildAsync(query.Year, cancellationToken);
        await audit.AppendNowAsync(db, query.Actor, AuditActions.SummaryViewed, detail: $"{query.Year} nyckeltal, {summary.Total} rapporter", cancellationToken: cancellationToken);
        return summary;
    }
}
