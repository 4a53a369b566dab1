using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Coordinators.Passkeys;

/// <summary>A coordinator removes one of their own passkeys (a lost or replaced key); audited. Another account's is not found.</summary>
public sealed record RemovePasskeyCommand(string Actor, Guid Id) : ICommand<bool>;

public sealed class RemovePasskeyHandler(UserManager<CoordinatorAccount> users, ReportingDbContext db, AuditLog audit) : ICommandHandler<RemovePasskeyCommand, bool>
{
    public async ValueTask<bool> Handle(RemovePasskeyCommand command, CancellationToken cancellationToken)
    {
        var account = await users.FindByEmailAsync(command.Actor);
        var passkey = account is null ? null : await db.Set<CoordinatorPasskey>().SingleOrDefaultAsync(p => p.Id == command.Id && p.AccountId == account.Id, cancellationToken);
        if (passkey is null)
        {
            return false;
        }

        db.Remove(passkey);
        await audit.AppendNowAsync(db, account!.Email!, AuditActions.PasskeyRemoved, detail: $"passkey {passkey.Number}", administration: account!.AuditLogOf, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
