using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Surveys;

/// <summary>POST /api/surveys/{id}/close: no more answers from today; unused codes are deleted with it.</summary>
public sealed record CloseSurveyCommand(string Actor, string? SurveyId) : ICommand<CloseSurveyResult>;

public enum CloseSurveyResult
{
    Closed,
    AlreadyClosed,
    Unknown,
}

public sealed class CloseSurveyHandler(ReportingDbContext db, AuditLog audit, OrganisationProfile organisation) : ICommandHandler<CloseSurveyCommand, CloseSurveyResult>
{
    public async ValueTask<CloseSurveyResult> Handle(CloseSurveyCommand command, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(command.SurveyId, out var id) || await db.Surveys.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } survey)
        {
            return CloseSurveyResult.Unknown;
        }

        if (!survey.Close(organisation.Today()))
        {
            return CloseSurveyResult.AlreadyClosed;
        }

        db.SurveyCodes.RemoveRange(await db.SurveyCodes.Where(c => c.SurveyId == id).ToListAsync(cancellationToken)); // in the same transaction as the closing
        audit.Append(db, command.Actor, AuditActions.SurveyClosed, detail: $"{SurveyAudit.DetailPrefix(survey.Year)}stängd");
        await db.SaveChangesAsync(cancellationToken);
        return CloseSurveyResult.Closed;
    }
}
