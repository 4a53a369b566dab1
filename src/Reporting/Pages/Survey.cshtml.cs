using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Identifiers;
using Reporting.Features.Organisation;
using Reporting.Features.StaffForm;
using Reporting.Features.Surveys;
using Reporting.Infrastructure.Persistence;
using Reporting.Pipeline;

namespace Reporting.Pages;

/// <summary>
/// The staff survey at <c>/enkat/{id}</c>, without script and without sign-in: the same command as
/// <c>POST /api/surveys/{id}/answers</c>; the answer is this page again with errors and findings,
/// or the thanks. No cookie but anti-forgery's; the code rides in the form body, never in the address.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.Intake)]
public sealed class SurveyModel(IMediator mediator, ReportingDbContext db, OrganisationProfile organisation) : FormPage
{
    [FromRoute(Name = "id")] public string? Id { get; set; }

    [FromQuery(Name = "lang")] public string? Lang { get; set; }

    public FormText Text => FormText.For(Lang);

    public OrganisationProfile Organisation => organisation;

    public Survey? Survey { get; private set; }

    public bool Saved { get; private set; }

    public SurveyAnswerRequest Answer { get; private set; } = new(null, null, null, null, null, null, null, null);

    public IReadOnlyList<IdentifierFinding> Findings { get; private set; } = [];

    public string Action => $"/enkat/{Id}" + (Text.IsEnglish ? "?lang=en" : string.Empty);

    public string LanguageHref => $"/enkat/{Id}" + (Text.IsEnglish ? string.Empty : "?lang=en");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await FindAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await FindAsync(cancellationToken))
        {
            return Page();
        }

        var form = Request.Form;
        Answer = new SurveyAnswerRequest(
            Empty(form["code"]),
            Empty(form["unit"]),
            SurveyQuestions.Environments.ToDictionary(e => e, e => Empty(form[$"observed.{e}"]), StringComparer.Ordinal),
            [.. form["observations"].OfType<string>()],
            Empty(form["knowsWhereToTurn"]),
            Empty(form["trained"]),
            Empty(form["comment"]),
            form["confirmNoIdentifiers"] == "true");
        try
        {
            var outcome = await mediator.Send(new AnswerSurveyCommand(Id, Answer), cancellationToken);
            switch (outcome.Result)
            {
                case AnswerResult.Saved:
                    Saved = true;
                    Response.StatusCode = StatusCodes.Status201Created;
                    break;
                case AnswerResult.UnknownCode:
                    Errors["code"] = Text["survey.code.used"];
                    Response.StatusCode = StatusCodes.Status409Conflict;
                    break;
                case AnswerResult.Refused:
                    Findings = outcome.Findings;
                    Errors["comment"] = Text["survey.findings"];
                    Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                    break;
                default:
                    Survey = null;
                    Response.StatusCode = StatusCodes.Status404NotFound;
                    break;
            }
        }
        catch (RequestValidationException validation)
        {
            ShowErrors(validation, Text.ErrorFor);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>A finding's place in the comment as posted: "…before [found] after…".</summary>
    public (string Before, string Found, string After) Excerpt(IdentifierFinding finding)
    {
        var text = Answer.Comment ?? string.Empty;
        var from = Math.Max(0, finding.Start - 25);
        var to = Math.Min(text.Length, finding.End + 25);
        return ((from > 0 ? "…" : string.Empty) + text[from..finding.Start], text[finding.Start..finding.End], text[finding.End..to] + (to < text.Length ? "…" : string.Empty));
    }

    public string? Observed(string environment) => Answer.Observed?.GetValueOrDefault(environment);

    /// <summary>The survey if it takes answers; otherwise the page says so with a 404.</summary>
    private async Task<bool> FindAsync(CancellationToken cancellationToken)
    {
        Survey = await SurveyLookup.FindAsync(db, Id, cancellationToken);
        if (Survey is null || !Survey.TakesAnswers(organisation.Today()))
        {
            Survey = null;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }

        return true;
    }
}
