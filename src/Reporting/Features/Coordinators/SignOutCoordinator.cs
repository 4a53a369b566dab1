using Mediator;
using Microsoft.AspNetCore.Identity;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Features.Coordinators;

/// <summary>Ends the coordinator's session (the cookie is removed) and records it.</summary>
public sealed record SignOutCoordinatorCommand(string Actor) : ICommand;

public sealed class SignOutCoordinatorHandler(SignInManager<CoordinatorAccount> signIn, ReportingDbContext db, AuditLog audit)
    : ICommandHandler<SignOutCoordinatorCommand>
{
    public async ValueTask<Unit> Handle(SignOutCoordinatorCommand command, CancellationToken cancellationToken)
    {
        await signIn.SignOutAsync();
        await audit.AppendNowAsync(db, command.Actor, AuditActions.SignedOut, cancellationToken: cancellationToken);
        return Unit.Value;
    }
}
