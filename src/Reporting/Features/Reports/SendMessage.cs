using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Features.Coordinators;
using Reporting.Features.Identifiers;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;

namespace Reporting.Features.Reports;

public sealed record SendMessageRequest(string? Text, bool? ConfirmNoIdentifiers) : IStrictJsonBody<SendMessageRequest>
{
    public static JsonTypeInfo<SendMessageRequest> JsonTypeInfo => ReportingJsonContext.Default.SendMessageRequest;
}

/// <summary>The coordinator writes to the anonymous reporter, who reads it with the receipt. Never e-mailed.</summary>
public sealed record SendMessageCommand(string Actor, Guid Id, string? Text, bool? ConfirmNoIdentifiers) : ICommand<SendMessageOutcome>;

public enum SendMessageResult
{
    Sent,
    NotFound,
    Refused,
}

public sealed record SendMessageOutcome(SendMessageResult Result, IReadOnlyList<IdentifierFinding> Findings);

public sealed class SendMessageValidator : AbstractValidator<SendMessageCommand>
{
    public SendMessageValidator()
    {
        RuleFor(c => c.Text).MessageText();
    }
}

public sealed class SendMessageHandler(ReportingDbContext db, ReportSealer sealer, IdentifierScanner identifiers, AuditLog audit, OrganisationProfile organisation)
    : ICommandHandler<SendMessageCommand, SendMessageOutcome>
{
    public async ValueTask<SendMessageOutcome> Handle(SendMessageCommand command, CancellationToken cancellationToken)
    {
        var report = await db.Reports.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken);
        if (report is null)
        {
            return new SendMessageOutcome(SendMessageResult.NotFound, []);
        }

        if (identifiers.RefusedBy(command.Text!, command.ConfirmNoIdentifiers) is { } findings)
        {
            return new SendMessageOutcome(SendMessageResult.Refused, findings);
        }

        await Conversation.AddAsync(db, sealer, report, fromReporter: false, command.Actor, command.Text!, organisation.Today(), cancellationToken);
        audit.Append(db, command.Actor, AuditActions.MessageSent, report);
        await db.SaveChangesAsync(cancellationToken);
        return new SendMessageOutcome(SendMessageResult.Sent, []);
    }
}

public static class SendMessageEndpoint
{
    /// <summary>POST /api/reports/{id}/messages: cookie-authenticated, so it needs the anti-forgery header.</summary>
    public static async Task<Results<Created, NotFound, ProblemHttpResult>> SendMessage(
        Guid id, SendMessageRequest request, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var outcome = await mediator.Send(new SendMessageCommand(context.User.Name(), id, request.Text, request.ConfirmNoIdentifiers), cancellationToken);
        return outcome.Result switch
        {
            SendMessageResult.Sent => TypedResults.Created($"/api/reports/{id}"),
            SendMessageResult.NotFound => TypedResults.NotFound(),
            _ => IdentifiersProblem.For(outcome.Findings, "text"),
        };
    }
}
