using System.Text;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;
using Reporting.Pipeline;
using Reporting.Features.Organisation;

namespace Reporting.Features.Coordinators;

/// <summary>
/// Opens a setup link: who it is for, and the authenticator key to enrol (as text, otpauth URI and
/// QR code). <paramref name="NewAuthenticatorKey"/>: the link itself was opened, so a new key replaces any shown before.
/// </summary>
public sealed record OpenEnrolmentQuery(string? Token, bool NewAuthenticatorKey) : IQuery<EnrolmentStart?>;

public sealed record EnrolmentStart(string Email, string FormattedKey, string AuthenticatorUri, string QrCodePngBase64);

/// <summary>Completes a setup link: the password is set and two-factor sign-in switched on only if the one-time code proves the authenticator works.</summary>
public sealed record CompleteEnrolmentCommand(string? Token, string? Password, string? ConfirmPassword, string? Code) : ICommand<EnrolmentResult>;

public sealed record EnrolmentResult(string Email, IReadOnlyList<string> RecoveryCodes);

public sealed class OpenEnrolmentHandler(EnrolmentLinks links, UserManager<CoordinatorAccount> users, OrganisationProfile organisation)
    : IQueryHandler<OpenEnrolmentQuery, EnrolmentStart?>
{
    public async ValueTask<EnrolmentStart?> Handle(OpenEnrolmentQuery query, CancellationToken cancellationToken)
    {
        var account = await links.FindAccountAsync(query.Token, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var key = query.NewAuthenticatorKey ? null : await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account) ?? throw new InvalidOperationException("No authenticator key was created.");
        }

        var issuer = Uri.EscapeDataString($"Rapportering {organisation.Name}");
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(account.Email!)}?secret={key}&issuer={issuer}&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return new EnrolmentStart(account.Email!, FormatKey(key), uri, Convert.ToBase64String(png));
    }

    /// <summary>Groups of four lower-case letters are easier to type into an app by hand.</summary>
    private static string FormatKey(string key)
    {
        var formatted = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            formatted.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return formatted.ToString().TrimEnd().ToLowerInvariant();
    }
}

public sealed class CompleteEnrolmentHandler(
    EnrolmentLinks links,
    UserManager<CoordinatorAccount> users,
    ReportingDbContext db,
    AuditLog audit) : ICommandHandler<CompleteEnrolmentCommand, EnrolmentResult>
{
    public async ValueTask<EnrolmentResult> Handle(CompleteEnrolmentCommand command, CancellationToken cancellationToken)
    {
        var account = await links.FindAccountAsync(command.Token, cancellationToken)
            ?? throw RequestValidationException.For("token", "Länken är ogiltig, redan använd eller har gått ut. Be om en ny.");

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(command.Password))
        {
            errors["password"] = ["Välj ett lösenord."];
        }
        else
        {
            var problems = new List<string>();
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, account, command.Password);
                problems.AddRange(result.Errors.Select(e => Swedish(e)));
            }

            if (problems.Count > 0)
            {
                errors["password"] = [.. problems];
            }
            else if (command.Password != command.ConfirmPassword)
            {
                errors["confirmPassword"] = ["Lösenorden är inte lika."];
            }
        }

        var code = OneTimeCode.Normalise(command.Code);
        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            errors["code"] = ["Koden stämmer inte. Skriv in den sexsiffriga koden som appen visar just nu."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            (await users.AddPasswordAsync(account, command.Password!)).Require("Enrolment");
            (await users.SetTwoFactorEnabledAsync(account, true)).Require("Enrolment");
            account.IsEnrolled = true;
            (await users.UpdateAsync(account)).Require("Enrolment");
            var recoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10))?.ToList() ?? [];
            await db.Invitations.Where(i => i.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
            audit.Append(db, account.Email!, AuditActions.CoordinatorEnrolled, administration: account.AuditLogOf);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new EnrolmentResult(account.Email!, recoveryCodes);
        });
    }


    private static string Swedish(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => "Lösenordet måste ha minst 12 tecken. En fras med flera ord är lätt att minnas och svår att gissa.",
        _ => error.Description,
    };
}

/// <summary>Finds the account a setup link belongs to, if the link is known and has not expired.</summary>
public sealed class EnrolmentLinks(ReportingDbContext db, UserManager<CoordinatorAccount> users, TimeProvider time)
{
    public async Task<CoordinatorAccount?> FindAccountAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = EnrolmentToken.Hash(token);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var invitation = await db.Invitations.AsNoTracking()
            .SingleOrDefaultAsync(i => i.TokenHash == hash && i.ExpiresAt > now, cancellationToken);
        if (invitation is null)
        {
            return null;
        }

        var account = await users.FindByIdAsync(invitation.AccountId);
        return account is { IsEnrolled: false } ? account : null;
    }
}
