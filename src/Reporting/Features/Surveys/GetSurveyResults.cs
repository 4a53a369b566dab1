using Mediator;
using Reporting.Features.Audit;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Surveys;

/// <summary>A survey's results in a variant; null for an unknown survey. Every read is an export in the audit log.</summary>
public sealed record GetSurveyResultsQuery(string Actor, string? SurveyId, SummaryVariant Variant) : IQuery<SurveyResults?>;

public sealed class GetSurveyResultsHandler(ReportingDbContext db, SurveyTally tally, AuditLog audit) : IQueryHandler<GetSurveyResultsQuery, SurveyResults?>
{
    public async ValueTask<SurveyResults?> Handle(GetSurveyResultsQuery query, CancellationToken cancellationToken)
    {
        var survey = await SurveyLookup.FindAsync(db, query.SurveyId, cancellationToken);
        if (survey is null)
        {
            return null;
        }

        var results = await tally.ResultsAsync(survey, query.Variant, cancellationToken);
        await audit.AppendNowAsync(db, query.Actor, AuditActions.SurveyExported,
            detail: $"{SurveyAudit.DetailPrefix(survey.Year)}resultat, {(query.Variant == SummaryVariant.Internal ? "intern" : "delbar")}", cancellationToken: cancellationToken);
        return results;
    }
}
