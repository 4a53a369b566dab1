using Mediator;
using Microsoft.AspNetCore.Identity;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;
using Reporting.Pipeline;

namespace Reporting.Features.Coordinators;

/// <summary>
/// <c>coordinator allow-sso --email X</c>: an account enrolled with a password may from now on sign in
/// through the municipality's identity provider too (its first sign-in there binds it, with a verified
/// address). Without this word a provider's account with the same address cannot take the account over.
/// Audited.
/// </summary>
public sealed record AllowSingleSignOnCommand(string Email) : ICommand<string>;

public sealed class AllowSingleSignOnHandler(UserManager<CoordinatorAccount> users, ReportingDbContext db, AuditLog audit)
    : ICommandHandler<AllowSingleSignOnCommand, string>
{
    public async ValueTask<string> Handle(AllowSingleSignOnCommand command, CancellationToken cancellationToken)
    {
        var email = command.Email.Trim();
        var account = await users.FindByEmailAsync(email)
            ?? throw RequestValidationException.For("email", $"There is no coordinator account for {email}.");
        if (!account.SingleSignOnAllowed)
        {
            account.SingleSignOnAllowed = true;
            (await users.UpdateAsync(account)).Require("Allowing single sign-on");
            await audit.AppendNowAsync(db, AuditActors.CommandLine, AuditActions.SingleSignOnAllowed, detail: account.Email, administration: account.AuditLogOf, cancellationToken: cancellationToken);
        }

        return account.Email!;
    }
}
