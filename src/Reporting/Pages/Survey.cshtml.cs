using Mediator;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Identifiers;
using Reporting.Features.Organisation;
using Reporting.Pages.StaffForm;
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
public sealed class SurveyModel(IMediator mediator, ReportingDbContext db, IdentifierScanner scanner, OrganisationProfile organisation) : FormPage
{
    [FromRoute(Name = "id")] public string? Id { get; set; }

    [FromQuery(Name = "lang")] public string? Lang { get; set; }

    public FormText Text => FormText.For(Lang);

    public OrganisationProfile Organisation => organisation;

    public Survey? Survey { get; private set; }

    public bool Saved { get; private set; }

    public SurveyAnswerRequest Answer { get; private set; } = new(null, null, null, null, null, null, null, null);

    public IReadOnlyList<IdentifierFinding> Findings { get; private set; } = [];

    /// <summary>The identifier check beside the comment.</summary>
    public IdentifierCheckBox CommentCheck =>
        new("comment", Answer.Comment, Findings, Text, Text["survey.findings"], Text["survey.findings.blockingExplained"], Answer.ConfirmNoIdentifiers == true);

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
        if (Empty(form["replace"]) is { } range)
        {
            // A no-script replace button: the comment changes in place, nothing is sent.
            Answer = Answer with { Comment = IdentifierCheckBox.Replace(scanner, Answer.Comment, range) };
            Findings = string.IsNullOrWhiteSpace(Answer.Comment) ? [] : scanner.Scan(Answer.Comment);
            return Page();
        }

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
