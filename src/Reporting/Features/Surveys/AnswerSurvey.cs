using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Identifiers;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;

namespace Reporting.Features.Surveys;

/// <summary>POST /api/surveys/{id}/answers, and the survey page's post.</summary>
public sealed record SurveyAnswerRequest(
    string? Code,
    string? Unit,
    IReadOnlyDictionary<string, string?>? Observed,
    IReadOnlyList<string>? Observations,
    string? KnowsWhereToTurn,
    string? Trained,
    string? Comment,
    bool? ConfirmNoIdentifiers) : IStrictJsonBody<SurveyAnswerRequest>
{
    public static JsonTypeInfo<SurveyAnswerRequest> JsonTypeInfo => ReportingJsonContext.Default.SurveyAnswerRequest;
}

public sealed record AnswerSurveyCommand(string? SurveyId, SurveyAnswerRequest Request) : ICommand<AnswerOutcome>;

public enum AnswerResult
{
    Saved,
    UnknownSurvey,
    UnknownCode,
    Refused,
}

public sealed record AnswerOutcome(AnswerResult Result, IReadOnlyList<IdentifierFinding> Findings)
{
    public static AnswerOutcome Of(AnswerResult result) => new(result, []);
}

public sealed class AnswerSurveyValidator : AbstractValidator<AnswerSurveyCommand>
{
    public AnswerSurveyValidator(OrganisationProfile organisation)
    {
        RuleFor(c => c.Request.Code).Must(code => AnswerCodes.Normalise(code) is not null).When(c => !string.IsNullOrWhiteSpace(c.Request.Code))
            .WithName("code").WithMessage(AnswerCodes.FormatMessage);
        RuleFor(c => c.Request.Unit).Must(u => u is not null && organisation.UnitCodes.Contains(u))
            .WithName("unit").WithMessage("Välj din verksamhet.");
        foreach (var environment in SurveyQuestions.Environments)
        {
            RuleFor(c => c.Request.Observed).Must(o => SurveyQuestions.Frequency.Contains(o?.GetValueOrDefault(environment)))
                .OverridePropertyName($"observed.{environment}").WithMessage("Svara hur ofta verksamheten har sett tecken på miljön.");
        }

        RuleFor(c => c.Request.Observed).Must(o => o is null || o.Keys.All(SurveyQuestions.Environments.Contains))
            .WithName("observed").WithMessage($"Miljöerna är {string.Join(", ", SurveyQuestions.Environments)}.");
        RuleFor(c => c.Request.Observations).Must(o => o is null || (o.All(SurveyQuestions.Observations.Contains) && o.Distinct().Count() == o.Count))
            .WithName("observations").WithMessage("Välj bland formulärets slag av iakttagelser, vart och ett en gång.");
        RuleFor(c => c.Request.KnowsWhereToTurn).Must(SurveyQuestions.KnowsWhereToTurn.Contains)
            .WithName("knowsWhereToTurn").WithMessage("Svara om personalen vet vart de ska vända sig.");
        RuleFor(c => c.Request.Trained).Must(SurveyQuestions.Trained.Contains)
            .WithName("trained").WithMessage("Svara om personalen har gått stadens grundutbildning.");
        RuleFor(c => c.Request.Comment).MaximumLength(SurveyQuestions.CommentMaxLength).WithName("comment")
            .WithMessage($"Högst {SurveyQuestions.CommentMaxLength} tecken.")
            .CleanText("Kommentaren").WithName("comment");
    }
}

/// <summary>
/// Takes one answer: the survey must take answers (else the same 404 as an unknown one); a coded
/// survey needs an unused code of its own (else 409); the comment goes through the identifier check
/// before the code is spent. The code's row is deleted in the answer's transaction, and the answer
/// row holds nothing that points back to it: no code, no date, no time, no client.
/// </summary>
public sealed class AnswerSurveyHandler(
    ReportingDbContext db,
    SurveySealer sealer,
    AnswerCodes answerCodes,
    IdentifierScanner identifiers,
    OrganisationProfile organisation,
    Infrastructure.Telemetry.ReportingMetrics metrics) : ICommandHandler<AnswerSurveyCommand, AnswerOutcome>
{
    public async ValueTask<AnswerOutcome> Handle(AnswerSurveyCommand command, CancellationToken cancellationToken)
    {
        var survey = await SurveyLookup.FindAsync(db, command.SurveyId, cancellationToken);
        if (survey is null || !survey.TakesAnswers(organisation.Today()))
        {
            return AnswerOutcome.Of(AnswerResult.UnknownSurvey);
        }

        var request = command.Request;
        if (survey.UsesCodes && string.IsNullOrWhiteSpace(request.Code))
        {
            throw RequestValidationException.For("code", "Skriv koden från lappen du fick.");
        }

        // The check reads the comment as posted (the description's rule), so the findings' offsets are the sender's own.
        var comment = FreeTextRules.Stored(request.Comment);
        if (comment is not null && identifiers.RefusedBy(request.Comment!, request.ConfirmNoIdentifiers) is { } findings)
        {
            return new AnswerOutcome(AnswerResult.Refused, findings);
        }

        if (survey.UsesCodes)
        {
            var hash = answerCodes.Hash(survey.Id, request.Code!);
            var code = await db.SurveyCodes.SingleOrDefaultAsync(c => c.Hash == hash && c.SurveyId == survey.Id, cancellationToken);
            if (code is null)
            {
                return AnswerOutcome.Of(AnswerResult.UnknownCode);
            }

            db.SurveyCodes.Remove(code);
        }

        var content = new SurveyAnswerContent(
            request.Unit!,
            SurveyQuestions.Environments.ToDictionary(e => e, e => request.Observed![e]!, StringComparer.Ordinal),
            [.. SurveyQuestions.Observations.Codes.Where(c => request.Observations?.Contains(c) == true)],
            request.KnowsWhereToTurn!,
            request.Trained!,
            comment);
        var id = RandomIds.NewGuid();
        db.SurveyAnswers.Add(SurveyAnswer.Of(id, survey.Id, sealer.Seal(survey, id, content)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same code was used by another answer in between: its delete matched no row, nothing was stored.
            return AnswerOutcome.Of(AnswerResult.UnknownCode);
        }

        metrics.SurveyAnswers.Add();
        return AnswerOutcome.Of(AnswerResult.Saved);
    }
}

public static class SurveyLookup
{
    /// <summary>
    /// The survey of an address: its short form (the year, one survey a year: <c>/enkat/2026</c>, what a
    /// slip prints) or its id; null for anything else.
    /// </summary>
    public static async Task<Survey?> FindAsync(ReportingDbContext db, string? id, CancellationToken cancellationToken)
    {
        if (id is { Length: 4 } && int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year))
        {
            // "The year's survey" is one only with one administration; with several, a survey is found by its id.
            var ofYear = await db.Surveys.AsNoTracking().Where(s => s.Year == year).Take(2).ToListAsync(cancellationToken);
            return ofYear.Count == 1 ? ofYear[0] : null;
        }

        return Guid.TryParse(id, out var surveyId) ? await db.Surveys.AsNoTracking().SingleOrDefaultAsync(s => s.Id == surveyId, cancellationToken) : null;
    }
}
