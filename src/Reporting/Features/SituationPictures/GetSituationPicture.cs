using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Features.Organisation;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.SituationPictures;

/// <summary>
/// A year's situation picture to edit; a year not yet saved starts from last year's sources (without
/// values). Every read that opens a sealed picture is in the audit log, like a report's.
/// </summary>
public sealed record GetSituationPictureQuery(string Actor, int Year) : IQuery<SituationPictureView>;

/// <summary>
/// The picture as GET answers it. <see cref="Version"/> is 0 until the first save and goes back
/// with the next PUT. <see cref="OfferedFromYear"/> names the year whose sources were offered when
/// nothing has been saved yet; <see cref="History"/> is who saved or exported what, when.
/// </summary>
public sealed record SituationPictureView(
    int Year,
    int Version,
    IReadOnlyList<ExternalSource> Sources,
    SituationAssessments Assessments,
    int? OfferedFromYear,
    IReadOnlyList<SituationPictureChange> History,
    SituationPictureSurvey? Survey,
    SituationPictureReportCounts Reports);

/// <summary>The form's reports of the year and the year before, per environment (the assessed one where set), to write the assessment beside.</summary>
public sealed record SituationPictureReportCounts(
    int Total, int PreviousYearTotal, IReadOnlyDictionary<string, int> ByEnvironment, IReadOnlyDictionary<string, int> PreviousYearByEnvironment);

/// <summary>The year's staff survey as the picture's <c>survey</c> source: preliminary while it takes answers; its figures come with the document.</summary>
public sealed record SituationPictureSurvey(Guid Id, bool Preliminary, DateOnly ClosesOn, int Responses, int? CodesIssued);

public sealed record SituationPictureChange(DateTimeOffset At, string Actor, string Action, string What);

public sealed class GetSituationPictureValidator : AbstractValidator<GetSituationPictureQuery>
{
    public GetSituationPictureValidator(OrganisationProfile organisation)
    {
        RuleFor(q => q.Year).Must(year => SummaryYears.IsValid(year, organisation)).WithName("year").WithMessage(SummaryYears.Message);
    }
}

public sealed class GetSituationPictureHandler(
    ReportingDbContext db, SituationPictureSealer sealer, AuditLog audit, YearAggregation years, OrganisationProfile organisation)
    : IQueryHandler<GetSituationPictureQuery, SituationPictureView>
{
    public async ValueTask<SituationPictureView> Handle(GetSituationPictureQuery query, CancellationToken cancellationToken)
    {
        var history = await HistoryAsync(query.Year, cancellationToken);
        var survey = await SurveyAsync(query.Year, cancellationToken);
        var year = await years.BuildAsync(query.Year, cancellationToken);
        var counts = new SituationPictureReportCounts(year.Total, year.PreviousYearTotal, year.ByEnvironment, year.PreviousYearByEnvironment);
        var stored = await db.SituationPictures.AsNoTracking().SingleOrDefaultAsync(p => p.Year == query.Year, cancellationToken);
        if (stored is not null)
        {
            var content = sealer.Open(stored);
            await AuditReadAsync(query, query.Year, cancellationToken);
            return new SituationPictureView(query.Year, stored.Version, content.Sources, content.Assessments, null, history, survey, counts);
        }

        var previous = await db.SituationPictures.AsNoTracking().SingleOrDefaultAsync(p => p.Year == query.Year - 1, cancellationToken);
        var offered = previous is null ? SituationPictureContent.Empty : sealer.Open(previous).OfferedForNextYear();
        if (previous is not null)
        {
            await AuditReadAsync(query, previous.Year, cancellationToken);
        }

        return new SituationPictureView(query.Year, 0, offered.Sources, offered.Assessments, previous is null ? null : query.Year - 1, history, survey, counts);
    }

    private Task AuditReadAsync(GetSituationPictureQuery query, int opened, CancellationToken cancellationToken) =>
        audit.AppendNowAsync(db, query.Actor, AuditActions.SituationPictureRead,
            detail: SituationPictureAudit.DetailPrefix(query.Year) + (opened == query.Year ? "läst" : $"{opened} års källor erbjudna"), cancellationToken: cancellationToken);

    private async Task<SituationPictureSurvey?> SurveyAsync(int year, CancellationToken cancellationToken)
    {
        var survey = await db.Surveys.AsNoTracking().SingleOrDefaultAsync(s => s.Year == year, cancellationToken);
        return survey is null
            ? null
            : new SituationPictureSurvey(survey.Id, survey.TakesAnswers(organisation.Today()), survey.ClosesOn,
                await db.SurveyAnswers.CountAsync(a => a.SurveyId == survey.Id, cancellationToken), survey.CodesIssued);
    }

    private async Task<IReadOnlyList<SituationPictureChange>> HistoryAsync(int year, CancellationToken cancellationToken)
    {
        var prefix = SituationPictureAudit.DetailPrefix(year);
        var entries = await db.AuditLog.AsNoTracking()
            .Where(e => (e.Action == AuditActions.SituationPictureSaved || e.Action == AuditActions.SituationPictureExported) && e.Detail != null && e.Detail.StartsWith(prefix))
            .OrderByDescending(e => e.Id)
            .Take(50)
            .ToListAsync(cancellationToken);
        return [.. entries.Select(e => new SituationPictureChange(organisation.LocalTime(e.At), e.Actor, AuditActions.Label(e.Action), e.Detail![prefix.Length..]))];
    }
}

/// <summary>How saves and exports of a year's picture read in the audit log ("2026: ..."), never with content.</summary>
public static class SituationPictureAudit
{
    public static string DetailPrefix(int year) => $"{year}: ";
}
