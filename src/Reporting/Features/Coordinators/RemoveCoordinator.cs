using Mediator;
using Microsoft.AspNetCore.Identity;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;
using Reporting.Pipeline;

namespace Reporting.Features.Coordinators;

/// <summary>
/// <c>coordinator remove --email X</c>: someone who leaves the role loses access. The account, its
/// second factor and any setup link are deleted; the audit log keeps what they did, by address.
/// Open sessions end at their next security check (within a minute).
/// </summary>
public sealed record RemoveCoordinatorCommand(string Email) : ICommand;

public sealed class RemoveCoordinatorHandler(UserManager<CoordinatorAccount> users, ReportingDbContext db, AuditLog audit)
    : ICommandHandler<RemoveCoordinatorCommand>
{
    public async ValueTask<Unit> Handle(RemoveCoordinatorCommand command, CancellationToken cancellationToken)
    {
        var account = await users.FindByEmailAsync(command.Email.Trim())
            ?? throw RequestValidationException.For("email", $"There is no coordinator account for {command.Email.Trim()}.");
        (await users.DeleteAsync(account)).Require("Removing the account");

        await audit.AppendNowAsync(db, AuditActors.CommandLine, AuditActions.CoordinatorRemoved, detail: account.Email, administration: account.AuditLogOf, cancellationToken: cancellationToken);
        return Unit.Value;
    }
}
