using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Features.Administrations;
using Reporting.Features.Audit;
using Reporting.Features.Notifications;
using Reporting.Features.Organisation;
using Reporting.Features.Reports;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;

namespace Reporting.Features.Surveys;

/// <summary>POST /api/surveys: the year, the last day answers are taken, and how many single-use codes (none: an open link).</summary>
public sealed record OpenSurveyRequest(int? Year, string? ClosesOn, int? Codes) : IStrictJsonBody<OpenSurveyRequest>
{
    public static JsonTypeInfo<OpenSurveyRequest> JsonTypeInfo => ReportingJsonContext.Default.OpenSurveyRequest;
}

public sealed record OpenSurveyCommand(string Actor, OpenSurveyRequest Request) : ICommand<OpenedSurvey>;

/// <summary>The survey's address and its codes, shown this once: only their hashes are kept.</summary>
public sealed record OpenedSurvey(Guid Id, string Url, IReadOnlyList<string> Codes);

public sealed class OpenSurveyValidator : AbstractValidator<OpenSurveyCommand>
{
    public const int MaxCodes = 2_000;

    /// <summary>A survey runs for weeks; more than a year ahead is a typing mistake.</summary>
    public const int MaxDaysOpen = 366;

    public OpenSurveyValidator(OrganisationProfile organisation)
    {
        RuleFor(c => c.Request.Year).Cascade(CascadeMode.Stop)
            .NotNull().WithName("year").WithMessage("Ange vilket år enkäten gäller.")
            .Must(year => SummaryYears.IsValid(year!.Value, organisation)).WithName("year").WithMessage(SummaryYears.Message);
        RuleFor(c => c.Request.ClosesOn).Cascade(CascadeMode.Stop)
            .Must(d => IsoDate.TryParse(d, out _)).WithName("closesOn").WithMessage("Ange sista svarsdag som år-månad-dag, till exempel 2026-12-31.")
            .Must(d => ClosesOn(d) >= organisation.Today()).WithName("closesOn").WithMessage("Sista svarsdagen har redan varit.")
            .Must(d => ClosesOn(d) <= organisation.Today().AddDays(MaxDaysOpen)).WithName("closesOn").WithMessage("Sista svarsdagen kan vara högst ett år fram.");
        RuleFor(c => c.Request.Codes).InclusiveBetween(1, MaxCodes).When(c => c.Request.Codes is not null)
            .WithName("codes").WithMessage($"Antalet koder ska vara 1–{MaxCodes}, eller inga för en öppen länk.");
    }

    private static DateOnly ClosesOn(string? value) => IsoDate.TryParse(value, out var day) ? day : default;
}

/// <summary>
/// Opens the year's survey (one per year, so "the year's survey" is one thing in the situation
/// picture): a random id, its own data key, and N codes stored as keyed hashes. Audited with the
/// year, the number of codes and the closing day.
/// </summary>
public sealed class OpenSurveyHandler(
    ReportingDbContext db,
    SurveySealer sealer,
    AnswerCodes answerCodes,
    AuditLog audit,
    OrganisationProfile organisation,
    AdministrationScope administration,
    IOptions<NotificationOptions> notifications) : ICommandHandler<OpenSurveyCommand, OpenedSurvey>
{
    public async ValueTask<OpenedSurvey> Handle(OpenSurveyCommand command, CancellationToken cancellationToken)
    {
        var year = command.Request.Year!.Value;
        IsoDate.TryParse(command.Request.ClosesOn, out var closesOn);
        if (await db.Surveys.AnyAsync(s => s.Year == year, cancellationToken))
        {
            throw new RequestConflictException("year", $"Det finns redan en enkät för {year}.");
        }

        var survey = Survey.Open(RandomIds.NewGuid(), year, administration.Owned, organisation.Today(), closesOn, command.Request.Codes);
        sealer.Key(survey);
        db.Surveys.Add(survey);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < (command.Request.Codes ?? 0))
        {
            codes.Add(AnswerCodes.NewCode());
        }

        db.SurveyCodes.AddRange(codes.Select(code => SurveyCode.For(survey.Id, answerCodes.Hash(survey.Id, code))));
        audit.Append(db, command.Actor, AuditActions.SurveyOpened,
            detail: $"{SurveyAudit.DetailPrefix(year)}{(survey.UsesCodes ? $"{codes.Count} koder" : "öppen länk")}, sista svarsdag {closesOn:yyyy-MM-dd}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another coordinator opened the same year's survey in between (the year is unique).
            throw new RequestConflictException("year", $"Det finns redan en enkät för {year}.");
        }

        return new OpenedSurvey(survey.Id, SurveyLinks.Page(notifications.Value, survey), [.. codes]);
    }
}

/// <summary>Where staff answer: the service's public address (as in alerts) plus /enkat/{id}.</summary>
/// <summary>
/// A survey's address: short enough to type from a slip (<c>…/enkat/2026</c>: one survey a year), and
/// the slip's QR code, which adds the code after <c>#</c>, so a browser fills it in and no server or
/// proxy ever logs it (a fragment is never sent).
/// </summary>
public static class SurveyLinks
{
    public static string Page(NotificationOptions notifications, Survey survey) =>
        $"{notifications.PublicBaseUrl.TrimEnd('/')}/enkat/{survey.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string WithCode(NotificationOptions notifications, Survey survey, string normalisedCode) =>
        $"{Page(notifications, survey)}#kod={AnswerCodes.Display(normalisedCode)}";
}

/// <summary>How a survey's opening, closing and exports read in the audit log ("2026: ..."), never with answers.</summary>
public static class SurveyAudit
{
    public static string DetailPrefix(int year) => $"enkät {year}: ";
}
