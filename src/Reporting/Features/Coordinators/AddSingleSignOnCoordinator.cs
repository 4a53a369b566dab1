using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Reporting.Features.Audit;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Persistence;
using Reporting.Pipeline;

namespace Reporting.Features.Coordinators;

/// <summary>
/// <c>coordinator add --email X --sso [--subject SUB]</c>: an account that signs in only with the
/// municipality's provider (no password, no authenticator: the provider's own multi-factor policy
/// stands in). It is active at once. With <paramref name="Subject"/> it is bound to that subject at
/// the provider now (a provider that sends no verified address, such as Entra ID, needs this);
/// without it the first sign-in with a verified address binds it. An invited account that has not
/// enrolled yet becomes such an account (its setup link is withdrawn).
/// </summary>
public sealed record AddSingleSignOnCoordinatorCommand(string Email, string? Subject = null) : ICommand<string>
{
    /// <summary><c>--until</c>: a deputy's last day (<see cref="CoordinatorAccount.AccessUntil"/>).</summary>
    public DateOnly? Until { get; init; }

    /// <summary><c>--administration</c>: the code of the administration whose reports they handle (required when several are configured).</summary>
    public string? Administration { get; init; }

    /// <summary><c>--role</c>: <see cref="CoordinatorRoles.Coordinator"/> (the default) or <see cref="CoordinatorRoles.City"/>.</summary>
    public string? Role { get; init; }
}

public sealed class AddSingleSignOnCoordinatorValidator : AbstractValidator<AddSingleSignOnCoordinatorCommand>
{
    public AddSingleSignOnCoordinatorValidator(OrganisationProfile organisation, Administrations.AdministrationCatalogue administrations)
    {
        CoordinatorTerms.Validate(this, c => c.Administration, c => c.Role, administrations);
        RuleFor(c => c.Until).Must(until => until is null || until >= organisation.Today())
            .WithMessage("--until must be today or a later day (YYYY-MM-DD): the deputy's last day.");
        RuleFor(c => c.Email).NotEmpty().MaximumLength(256).EmailAddress().WithMessage("--email must be an e-mail address.");
        RuleFor(c => c.Subject).Must(s => s is null || (s.Trim().Length is > 0 and <= 255 && !s.Any(char.IsControl)))
            .WithMessage("--subject must be the provider's subject (sub) for the person, at most 255 characters.");
    }
}

public sealed class AddSingleSignOnCoordinatorHandler(
    ReportingDbContext db, UserManager<CoordinatorAccount> users, AuditLog audit, OrganisationProfile organisation, Administrations.AdministrationCatalogue administrations)
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
            CoordinatorTerms.Apply(account, command.Until, command.Administration, command.Role, administrations);
            var created = await users.CreateAsync(account);
            if (!created.Succeeded)
            {
                throw RequestValidationException.For("email", string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }
        else
        {
            account.IsEnrolled = true;
            CoordinatorTerms.Apply(account, command.Until, command.Administration, command.Role, administrations);
            (await users.UpdateAsync(account)).Require("Activating the account");
            db.Invitations.RemoveRange(db.Invitations.Where(i => i.AccountId == account.Id));
        }

        if (command.Subject?.Trim() is { } subject)
        {
            if (await users.FindByLoginAsync(SignInWithProviderHandler.LoginProvider, subject) is { } holder && holder.Id != account.Id)
            {
                throw RequestValidationException.For("subject", $"That subject is bound to {holder.Email} already.");
            }

            var logins = await users.GetLoginsAsync(account);
            foreach (var login in logins.Where(l => l.LoginProvider == SignInWithProviderHandler.LoginProvider && l.ProviderKey != subject))
            {
                (await users.RemoveLoginAsync(account, login.LoginProvider, login.ProviderKey)).Require("Replacing the bound subject");
            }

            if (!logins.Any(l => l.LoginProvider == SignInWithProviderHandler.LoginProvider && l.ProviderKey == subject))
            {
                (await users.AddLoginAsync(account, new UserLoginInfo(SignInWithProviderHandler.LoginProvider, subject, "Kommunens konto"))).Require("Binding the account to the subject");
            }
        }

        audit.Append(db, AuditActors.CommandLine, AuditActions.CoordinatorInvited, detail: $"{email} (kommunens konto{(command.Subject is null ? string.Empty : ", bundet till angivet konto")}){CoordinatorTerms.Describe(account)}", administration: account.AuditLogOf);
        await db.SaveChangesAsync(cancellationToken);
        return email;
    }
}
