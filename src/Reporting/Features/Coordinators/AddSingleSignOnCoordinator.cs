using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Reporting.Features.Audit;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Persistence.Records;
using Reporting.Pipeline;

namespace Reporting.Features.Coordinators;

/// <summary>
/// <c>coordinator add --email X --sso</c>: an account that signs in only with the municipality's
/// provider (no password, no authenticator: the provider's own multi-factor policy stands in). It is
/// active at once; the first sign-in binds it to the provider's subject. An invited account that has
/// not enrolled yet becomes such an account (its setup link is withdrawn).
/// </summary>
public sealed record AddSingleSignOnCoordinatorCommand(string Email) : ICommand<string>;

public sealed class AddSingleSignOnCoordinatorValidator : AbstractValidator<AddSingleSignOnCoordinatorCommand>
{
    public AddSingleSignOnCoordinatorValidator() =>
        RuleFor(c => c.Email).NotEmpty().MaximumLength(256).EmailAddress().WithMessage("--email must be an e-mail address.");
}

public sealed class AddSingleSignOnCoordinatorHandler(
    ReportingDbContext db, UserManager<CoordinatorAccount> users, AuditLog audit, OrganisationProfile organisation)
    : ICommandHandler<AddSingleSignOnCoordinatorCommand, string>
{
    public async ValueTask<string> Handle(AddSingleSignOnCoordinatorCommand command, CancellationToken cancellationToken)
    {
        var email = command.Email.Trim();
        var account = await users.FindByEmailAsync(email);
        if (account is { IsEnrolled: true })
        {
            throw RequestValidationException.For("email", $"{email} already has an active coordinator account; it can sign in with the municipality's account as it is.");
        }

        if (account is null)
        {
            account = new CoordinatorAccount { UserName = email, Email = email, EmailConfirmed = true, CreatedOn = organisation.Today(), IsEnrolled = true };
            var created = await users.CreateAsync(account);
            if (!created.Succeeded)
            {
                throw RequestValidationException.For("email", string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }
        else
        {
            account.IsEnrolled = true;
            (await users.UpdateAsync(account)).Require("Activating the account");
            db.Invitations.RemoveRange(db.Invitations.Where(i => i.AccountId == account.Id));
        }

        audit.Append(db, AuditActors.CommandLine, AuditActions.CoordinatorInvited, detail: $"{email} (kommunens konto)");
        await db.SaveChangesAsync(cancellationToken);
        return email;
    }
}
