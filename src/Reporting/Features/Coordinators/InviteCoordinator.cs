using System.Security.Cryptography;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Features.Audit;
using Reporting.Features.Notifications;
using Reporting.Infrastructure.Persistence;
using Reporting.Pipeline;
using Reporting.Features.Organisation;

namespace Reporting.Features.Coordinators;

/// <summary>
/// <c>coordinator add --email X</c>: creates the account (no password yet) and a one-time setup
/// link where the person sets a password and enrols an authenticator. Asking again for someone
/// who has not finished enrolling replaces their link; an enrolled account is left alone.
/// <c>coordinator reset --email X</c> (<see cref="Reset"/>, a lost phone or password): the
/// password, authenticator and recovery codes are removed, open sessions end, and a new link is made.
/// </summary>
public sealed record InviteCoordinatorCommand(string Email, bool Reset = false) : ICommand<CoordinatorInvitationLink>
{
    /// <summary><c>--until</c>: a deputy's last day (<see cref="CoordinatorAccount.AccessUntil"/>).</summary>
    public DateOnly? Until { get; init; }

    /// <summary><c>--administration</c>: the code of the administration whose reports they handle (required when several are configured).</summary>
    public string? Administration { get; init; }

    /// <summary><c>--role</c>: <see cref="CoordinatorRoles.Coordinator"/> (the default) or <see cref="CoordinatorRoles.City"/>.</summary>
    public string? Role { get; init; }
}

public sealed record CoordinatorInvitationLink(string Email, Uri Link, DateTimeOffset ExpiresAt);

public sealed class InviteCoordinatorValidator : AbstractValidator<InviteCoordinatorCommand>
{
    public InviteCoordinatorValidator(OrganisationProfile organisation, Administrations.AdministrationCatalogue administrations)
    {
        When(c => !c.Reset, () => CoordinatorTerms.Validate(this, c => c.Administration, c => c.Role, administrations));
        RuleFor(c => c.Email).NotEmpty().MaximumLength(256).EmailAddress().WithMessage("--email must be an e-mail address.");
        RuleFor(c => c.Until).Must(until => until is null || until >= organisation.Today())
            .WithMessage("--until must be today or a later day (YYYY-MM-DD): the deputy's last day.");
        RuleFor(c => c.Until).Must((c, until) => until is null || !c.Reset).WithMessage("--until goes with add, not reset.");
    }
}

public sealed class InviteCoordinatorHandler(
    ReportingDbContext db,
    UserManager<CoordinatorAccount> users,
    AuditLog audit,
    OrganisationProfile organisation,
    Administrations.AdministrationCatalogue administrations,
    IOptions<NotificationOptions> notifications,
    TimeProvider time) : ICommandHandler<InviteCoordinatorCommand, CoordinatorInvitationLink>
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromHours(72);

    public async ValueTask<CoordinatorInvitationLink> Handle(InviteCoordinatorCommand command, CancellationToken cancellationToken)
    {
        var email = command.Email.Trim();
        var account = await users.FindByEmailAsync(email);
        if (command.Reset)
        {
            if (account is null)
            {
                throw RequestValidationException.For("email", $"There is no coordinator account for {email}.");
            }

            await UnenrolAsync(account);
            audit.Append(db, AuditActors.CommandLine, AuditActions.CoordinatorReset, detail: email);
        }
        else if (account is { IsEnrolled: true })
        {
            throw RequestValidationException.For("email", $"{email} already has an enrolled coordinator account (to start over after a lost phone or password: coordinator reset --email {email}).");
        }

        if (account is null)
        {
            account = new CoordinatorAccount { UserName = email, Email = email, EmailConfirmed = true, CreatedOn = organisation.Today() };
            CoordinatorTerms.Apply(account, command.Until, command.Administration, command.Role, administrations);
            var created = await users.CreateAsync(account);
            if (!created.Succeeded)
            {
                throw RequestValidationException.For("email", string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }
        else if (!command.Reset)
        {
            // Asked again for someone who has not enrolled: the terms given now are the ones that hold.
            CoordinatorTerms.Apply(account, command.Until, command.Administration, command.Role, administrations);
            (await users.UpdateAsync(account)).Require("Changing the account's terms");
        }

        await db.Invitations.Where(i => i.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var expiresAt = time.GetUtcNow() + ValidFor;
        db.Invitations.Add(new CoordinatorInvitation
        {
            Id = Guid.NewGuid(),
            AccountId = account.Id,
            TokenHash = EnrolmentToken.Hash(token),
            ExpiresAt = expiresAt.ToUnixTimeSeconds(),
        });
        audit.Append(db, AuditActors.CommandLine, AuditActions.CoordinatorInvited, detail: email + CoordinatorTerms.Describe(account), administration: account.AuditLogOf);
        await db.SaveChangesAsync(cancellationToken);

        var baseUrl = notifications.Value.PublicBaseUrl.TrimEnd('/');
        return new CoordinatorInvitationLink(email, new Uri($"{baseUrl}{CoordinatorsRegistration.EnrolmentPath}?token={token}"), expiresAt);
    }

    /// <summary>Back to "invited": no password, no second factor; a new security stamp ends open sessions.</summary>
    private async Task UnenrolAsync(CoordinatorAccount account)
    {
        if (await users.HasPasswordAsync(account))
        {
            (await users.RemovePasswordAsync(account)).Require("Resetting the account");
        }

        (await users.SetTwoFactorEnabledAsync(account, false)).Require("Resetting the account");
        (await users.RemoveAuthenticationTokenAsync(account, CoordinatorStore.Provider, CoordinatorStore.AuthenticatorKeyName)).Require("Resetting the account");
        (await users.RemoveAuthenticationTokenAsync(account, CoordinatorStore.Provider, CoordinatorStore.RecoveryCodesName)).Require("Resetting the account");
        (await users.ResetAccessFailedCountAsync(account)).Require("Resetting the account");
        (await users.SetLockoutEndDateAsync(account, null)).Require("Resetting the account");
        foreach (var login in await users.GetLoginsAsync(account))
        {
            // The binding to the provider's subject goes too, so the next single sign-on binds afresh.
            (await users.RemoveLoginAsync(account, login.LoginProvider, login.ProviderKey)).Require("Resetting the account");
        }

        account.IsEnrolled = false;
        (await users.UpdateSecurityStampAsync(account)).Require("Resetting the account"); // saves the account too
    }

}

/// <summary>A setup link's token: only its hash is stored, and a link is found by it.</summary>
public static class EnrolmentToken
{
    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));
}
