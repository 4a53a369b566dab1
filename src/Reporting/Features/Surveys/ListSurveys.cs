using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Features.Notifications;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Surveys;

/// <summary>Every survey, newest year first, with how many answered (counted, not decrypted).</summary>
public sealed record ListSurveysQuery : IQuery<IReadOnlyList<SurveyOverview>>;

public sealed record SurveyOverview(
    Guid Id, int Year, string Url, DateOnly OpenedOn, DateOnly ClosesOn, DateOnly? EndedOn, bool TakesAnswers, int? CodesIssued, int Responses);

public sealed class ListSurveysHandler(ReportingDbContext db, OrganisationProfile organisation, IOptions<NotificationOptions> notifications)
    : IQueryHandler<ListSurveysQuery, IReadOnlyList<SurveyOverview>>
{
    public async ValueTask<IReadOnlyList<SurveyOverview>> Handle(ListSurveysQuery query, CancellationToken cancellationToken)
    {
        var surveys = await db.Surveys.AsNoTracking().OrderByDescending(s => s.Year).ToListAsync(cancellationToken);
        var responses = await db.SurveyAnswers.GroupBy(a => a.SurveyId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var today = organisation.Today();
        return [.. surveys.Select(s => new SurveyOverview(
            s.Id, s.Year, SurveyLinks.Page(notifications.Value, s), s.OpenedOn, s.ClosesOn, s.EndedOn(today), s.TakesAnswers(today), s.CodesIssued,
            responses.GetValueOrDefault(s.Id)))];
    }
}
