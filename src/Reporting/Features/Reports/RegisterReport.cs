using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Reporting.Features.Audit;
using Reporting.Features.Coordinators;
using Reporting.Features.Identifiers;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;

namespace Reporting.Features.Reports;

/// <summary>The body of <c>POST /api/reports/registered</c>: the report JSON of <c>POST /api/reports</c> plus its channel.</summary>
public sealed record RegisterReportRequest(
    string? Kind,
    string? OccurredOn,
    string? Unit,
    string? Area,
    string? Environment,
    IReadOnlyList<string?>? Observations,
    string? PlaceCategory,
    string? AgeGroup,
    string? Gender,
    string? PeopleInvolved,
    IReadOnlyList<string?>? ActionsTaken,
    string? Description,
    string? ReporterContact,
    bool? ConfirmNoIdentifiers,
    string? Channel) : IStrictJsonBody<RegisterReportRequest>, IPostedAnswers
{
    public static JsonTypeInfo<RegisterReportRequest> JsonTypeInfo => ReportingJsonContext.Default.RegisterReportRequest;

    /// <summary>Read with every declared question as a property (<see cref="ClosedQuestions.Json{T}"/>).</summary>
    static JsonTypeInfo<RegisterReportRequest> IStrictJsonBody<RegisterReportRequest>.JsonTypeInfoFor(IServiceProvider services) =>
        services.GetRequiredService<ClosedQuestions>().Json(JsonTypeInfo);

    [System.Text.Json.Serialization.JsonIgnore]
    public Dictionary<string, IReadOnlyList<string?>?> OtherAnswers { get; init; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string?>? Symbols { get; init; }

    /// <summary>The command for the signed-in coordinator's own administration (<paramref name="administration"/>: its code when several are configured).</summary>
    public RegisterReportCommand ToCommand(string actor, string? administration) => new(actor, Channel, new SubmitReportCommand(
        Kind, OccurredOn, Unit, Area, Environment, Observations, PlaceCategory, AgeGroup, Gender, PeopleInvolved, ActionsTaken, Description, ReporterContact, ConfirmNoIdentifiers)
    {
        Symbols = Symbols,
        OtherAnswers = OtherAnswers,
        Administration = administration,
    });
}

/// <summary>
/// A coordinator enters a report that reached them by phone, in a meeting, by letter or e-mail, so
/// the statistics are complete: the same validation and identifier check as the form, its channel,
/// a reference and no receipt.
/// </summary>
public sealed record RegisterReportCommand(string Actor, string? Channel, SubmitReportCommand Report) : ICommand<RegisterReportOutcome>;

public sealed record RegisteredReport(Guid Id, string Reference);

public sealed record RegisterReportOutcome(RegisteredReport? Registered, IReadOnlyList<IdentifierFinding> Findings);

public sealed class RegisterReportValidator : AbstractValidator<RegisterReportCommand>
{
    /// <summary>Every channel but the form's own (a report typed in by the reporter is not registered).</summary>
    public static IReadOnlyList<string> Channels { get; } = [.. ReportCodes.Channel.Codes.Where(c => c != ReportCodes.FormChannel)];

    public RegisterReportValidator(IValidator<SubmitReportCommand> report)
    {
        RuleFor(c => c.Channel).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Välj hur rapporten kom in (channel).")
            .Must(c => Channels.Contains(c!)).WithMessage($"Okänd kanal; välj en av: {string.Join(", ", Channels)}.");
        // The report's own rules, with the form's field names (not "report.kind").
        RuleFor(c => c.Report).Custom((submitted, context) =>
        {
            foreach (var failure in report.Validate(submitted).Errors)
            {
                context.AddFailure(failure);
            }
        });
    }
}

public sealed class RegisterReportHandler(
    IdentifierScanner identifiers,
    ReportSealer sealer,
    ReportWriter writer,
    ReportingDbContext db,
    AuditLog audit,
    Records.SecrecyMarking secrecy,
    OrganisationProfile organisation,
    Administrations.AdministrationCatalogue administrations) : ICommandHandler<RegisterReportCommand, RegisterReportOutcome>
{
    public async ValueTask<RegisterReportOutcome> Handle(RegisterReportCommand command, CancellationToken cancellationToken)
    {
        if (command.Report.RefusedBy(identifiers) is { } findings)
        {
            return new RegisterReportOutcome(null, findings);
        }

        var id = RandomIds.NewGuid();
        var administration = administrations.Stored(administrations.Find(command.Report.Administration) ?? administrations.Home);
        var report = Report.Register(
            id, organisation.Today(), sealer.Seal(id, command.Report.ToContent(), command.Channel!, secrecy.SuggestedFor(command.Report.Unit!), administration), administration);
        var reference = await writer.StoreAsync(report, alert: null);
        // Without the channel: nothing in clear may tell a registered report from the form's (ADR 3).
        await audit.AppendNowAsync(db, command.Actor, AuditActions.ReportRegistered, report, cancellationToken: cancellationToken);
        return new RegisterReportOutcome(new RegisteredReport(id, reference.ToString()), []);
    }
}

public static class RegisterReportEndpoint
{
    /// <summary>POST /api/reports/registered: cookie-authenticated, so it needs the anti-forgery header.</summary>
    public static async Task<Results<Created<RegisteredReport>, ProblemHttpResult>> RegisterReport(
        RegisterReportRequest request, HttpContext context, IMediator mediator, Administrations.AdministrationScope scope,
        Administrations.AdministrationCatalogue administrations, CancellationToken cancellationToken)
    {
        var outcome = await mediator.Send(request.ToCommand(context.User.Name(), administrations.AreSeveral ? scope.Current?.Code : null), cancellationToken);
        return outcome.Registered is { } registered
            ? TypedResults.Created($"/api/reports/{registered.Id}", registered)
            : IdentifiersProblem.For(outcome.Findings);
    }
}
