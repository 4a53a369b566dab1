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
using Reporting.Infrastructure.Persistence.Records;
using Reporting.Pipeline;

namespace Reporting.Features.Coordinators;

/// <summary>
/// <c>coordinator add --email X</c>: creates the account (no password yet) and a one-time setup
/// link where the person sets a password and enrols an authenticator. Asking again for someone
/// who has not finished enrolling replaces their link; an enrolled account is left alone.
/// </summary>
public sealed record InviteCoordinatorCommand(string Email) : ICommand<CoordinatorInvitationLink>;

public sealed record CoordinatorInvitationLink(string Email, Uri Link, DateTimeOffset ExpiresAt);

public sealed class InviteCoordinatorValidator : AbstractValidator<InviteCoordinatorCommand>
{
    public InviteCoordinatorValidator() =>
        RuleFor(c => c.Email).NotEmpty().MaximumLength(256).EmailAddress().WithMessage("--email must be an e-mail address.");
}

public sealed class InviteCoordinatorHandler(
    ReportingDbContext db,
    UserManager<CoordinatorAccount> users,
    AuditLog audit,
    Organisation.Organisation organisation,
    IOptions<NotificationOptions> notifications,
    TimeProvider time) : ICommandHandler<InviteCoordinatorCommand, CoordinatorInvitationLink>
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromHours(72);

    public async ValueTask<CoordinatorInvitationLink> Handle(InviteCoordinatorCommand command, CancellationToken cancellationToken)
    {
        var email = command.Email.Trim();
        var account = await users.FindByEmailAsync(email);
        if (account is { IsEnrolled: true })
        {
            throw RequestValidationException.For("email", $"{email} already has an enrolled coordinator account.");
        }

        if (account is null)
        {
            account = new CoordinatorAccount { UserName = email, Email = email, EmailConfirmed = true, CreatedOn = organisation.Today() };
            var created = await users.CreateAsync(account);
            if (!created.Succeeded)
            {
                throw RequestValidationException.For("email", string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }

        await db.Invitations.Where(i => i.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var expiresAt = time.GetUtcNow() + ValidFor;
        db.Invitations.Add(new CoordinatorInvitation
        {
            Id = Guid.NewGuid(),
            AccountId = account.Id,
            TokenHash = HashToken(token),
            ExpiresAt = expiresAt.ToUnixTimeSeconds(),
        });
        audit.Append(db, AuditActors.CommandLine, AuditActions.CoordinatorInvited, detail: email);
        await db.SaveChangesAsync(cancellationToken);

        var baseUrl = notifications.Value.PublicBaseUrl.TrimEnd('/');
        return new CoordinatorInvitationLink(email, new Uri($"{baseUrl}{EnrolmentPath}?token={token}"), expiresAt);
    }

    public const string EnrolmentPath = "/samordnare/aktivera";

    public static byte[] HashToken(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));
}
