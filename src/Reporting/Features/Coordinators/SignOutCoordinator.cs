using Mediator;
using Microsoft.AspNetCore.Identity;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Coordinators;

/// <summary>
/// Ends the coordinator's session and records it. The cookie is removed, and the account's security
/// stamp changes, so a copy of the cookie taken earlier stops working at its next check too.
/// </summary>
public sealed record SignOutCoordinatorCommand(string Actor) : ICommand;

public sealed class SignOutCoordinatorHandler(
    SignInManager<CoordinatorAccount> signIn, UserManager<CoordinatorAccount> users, ReportingDbContext db, AuditLog audit)
    : ICommandHandler<SignOutCoordinatorCommand>
{
    public async ValueTask<Unit> Handle(SignOutCoordinatorCommand command, CancellationToken cancellationToken)
    {
        await signIn.SignOutAsync();
        if (await users.FindByNameAsync(command.Actor) is { } account)
        {
            (await users.UpdateSecurityStampAsync(account)).Require("Signing out");
        }

        await audit.AppendNowAsync(db, command.Actor, AuditActions.SignedOut, cancellationToken: cancellationToken);
        return Unit.Value;
    }
}
