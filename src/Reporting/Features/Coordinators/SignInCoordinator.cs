using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Coordinators;

/// <summary>
/// Signs a coordinator in with e-mail, password and a one-time code (or a recovery code) in one
/// step. Wrong passwords and wrong codes both count towards the lockout; every attempt is audited.
/// </summary>
public sealed record SignInCoordinatorCommand(string? Email, string? Password, string? Code) : ICommand<SignInOutcome>;

public enum SignInOutcome
{
    SignedIn,
    Failed,
    LockedOut,
    LocalSignInDisabled,
}

public sealed class SignInCoordinatorHandler(
    UserManager<CoordinatorAccount> users,
    SignInManager<CoordinatorAccount> signIn,
    ReportingDbContext db,
    AuditLog audit,
    Microsoft.Extensions.Options.IOptions<SingleSignOnOptions> sso,
    TimeProvider time) : ICommandHandler<SignInCoordinatorCommand, SignInOutcome>
{
    public async ValueTask<SignInOutcome> Handle(SignInCoordinatorCommand command, CancellationToken cancellationToken)
    {
        if (!sso.Value.LocalSignIn)
        {
            // Authentication:LocalSignIn=false: only the municipality's provider signs anyone in.
            await audit.AppendNowAsync(db, AuditActors.UnknownAccount, AuditActions.SignInFailed, detail: "lösenordsinloggning avstängd", cancellationToken: cancellationToken);
            return SignInOutcome.LocalSignInDisabled;
        }

        var account = string.IsNullOrWhiteSpace(command.Email) || command.Email.Length > 256
            ? null
            : await users.FindByEmailAsync(command.Email.Trim());
        if (account is not { IsEnrolled: true } || string.IsNullOrEmpty(command.Password))
        {
            // The same work as checking a real password, so the answer's timing does not tell
            // whether an address has an account.
            users.PasswordHasher.VerifyHashedPassword(account ?? DummyAccount, DummyHash.Value, command.Password ?? string.Empty);
            await audit.AppendNowAsync(db, account?.Email ?? AuditActors.UnknownAccount, AuditActions.SignInFailed, administration: account?.AuditLogOf, cancellationToken: cancellationToken);
            return SignInOutcome.Failed;
        }

        var password = await signIn.CheckPasswordSignInAsync(account, command.Password, lockoutOnFailure: true);
        if (password.IsLockedOut)
        {
            await audit.AppendNowAsync(db, account.Email!, AuditActions.SignInLockedOut, administration: account.AuditLogOf, cancellationToken: cancellationToken);
            return SignInOutcome.LockedOut;
        }

        if (password.IsNotAllowed)
        {
            // A deputy after their last day (CoordinatorSignInManager): the same answer as a wrong password.
            await audit.AppendNowAsync(db, account.Email!, AuditActions.SignInFailed, detail: $"ersättarens sista dag {account.AccessUntil:yyyy-MM-dd} har passerat", administration: account.AuditLogOf, cancellationToken: cancellationToken);
            return SignInOutcome.Failed;
        }

        if (!password.Succeeded || !await SecondFactorHoldsAsync(account, command.Code))
        {
            if (password.Succeeded)
            {
                await users.AccessFailedAsync(account); // a wrong code counts like a wrong password
            }

            var lockedOut = await users.IsLockedOutAsync(account);
            await audit.AppendNowAsync(db, account.Email!, lockedOut ? AuditActions.SignInLockedOut : AuditActions.SignInFailed,
                detail: password.Succeeded ? "fel engångskod" : "fel lösenord", administration: account.AuditLogOf, cancellationToken: cancellationToken);
            return lockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed;
        }

        await users.ResetAccessFailedCountAsync(account);
        await signIn.SignInWithClaimsAsync(account, CoordinatorSessionRules.NewSession(time),
        [
            new Claim(CoordinatorPrincipal.MultiFactorClaim, CoordinatorPrincipal.MultiFactorValue),
            new Claim(CoordinatorPrincipal.SignInMethodClaim, "password"),
        ]);
        await audit.AppendNowAsync(db, account.Email!, AuditActions.SignedIn, administration: account.AuditLogOf, cancellationToken: cancellationToken);
        return SignInOutcome.SignedIn;
    }

    private static readonly CoordinatorAccount DummyAccount = new() { UserName = "timing@reporting.invalid" };

    /// <summary>A hash of a password nobody knows, made with the same hasher and settings as real ones.</summary>
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<CoordinatorAccount>().HashPassword(DummyAccount, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    /// <summary>Six digits are an authenticator code; anything longer is tried as a single-use recovery code.</summary>
    private async Task<bool> SecondFactorHoldsAsync(CoordinatorAccount account, string? code)
    {
        var normalised = OneTimeCode.Normalise(code);
        if (normalised.Length == 6 && normalised.All(char.IsAsciiDigit))
        {
            return await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, normalised);
        }

        return normalised.Length is > 6 and <= 20 && (await users.RedeemTwoFactorRecoveryCodeAsync(account, normalised)).Succeeded;
    }

}

/// <summary>A one-time or recovery code as typed ("123 456"), without its spaces.</summary>
public static class OneTimeCode
{
    public static string Normalise(string? code) =>
        code is null ? string.Empty : new string([.. code.Where(c => !char.IsWhiteSpace(c))]);
}
