using System.Security.Claims;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Coordinators.Passkeys;

/// <summary>Step one: e-mail and password as for the code; when they hold and the account has a passkey, the options for <c>navigator.credentials.get</c>.</summary>
public sealed record BeginPasskeySignInCommand(string? Email, string? Password, RelyingParty Party) : ICommand<PasskeySignInStart>;

public sealed record PasskeySignInStart(SignInOutcome Outcome, string? OptionsJson = null, PendingCeremony? Pending = null);

/// <summary>Step two: the browser's assertion, checked against the options, the stored key and its counter; signs in with <c>amr=mfa</c>.</summary>
public sealed record FinishPasskeySignInCommand(RelyingParty Party, PendingCeremony? Pending, string? AssertionJson) : ICommand<SignInOutcome>;

/// <summary>
/// Password plus passkey instead of password plus code: the password is checked exactly as the code
/// sign-in does (lockout, timing, audit), then the passkey proves the second factor. Recovery codes
/// stay for a lost key. An account without a passkey gets the same refusal as a wrong password.
/// </summary>
public sealed class BeginPasskeySignInHandler(
    UserManager<CoordinatorAccount> users,
    SignInManager<CoordinatorAccount> signIn,
    ReportingDbContext db,
    AuditLog audit,
    PasskeyCeremonies ceremonies,
    Microsoft.Extensions.Options.IOptions<SingleSignOnOptions> sso) : ICommandHandler<BeginPasskeySignInCommand, PasskeySignInStart>
{
    public async ValueTask<PasskeySignInStart> Handle(BeginPasskeySignInCommand command, CancellationToken cancellationToken)
    {
        if (!sso.Value.LocalSignIn)
        {
            await audit.AppendNowAsync(db, AuditActors.UnknownAccount, AuditActions.SignInFailed, detail: "lösenordsinloggning avstängd", cancellationToken: cancellationToken);
            return new PasskeySignInStart(SignInOutcome.LocalSignInDisabled);
        }

        var account = string.IsNullOrWhiteSpace(command.Email) || command.Email.Length > 256 ? null : await users.FindByEmailAsync(command.Email.Trim());
        if (account is not { IsEnrolled: true } || string.IsNullOrEmpty(command.Password))
        {
            await audit.AppendNowAsync(db, account?.Email ?? AuditActors.UnknownAccount, AuditActions.SignInFailed, administration: account?.AuditLogOf, cancellationToken: cancellationToken);
            return new PasskeySignInStart(SignInOutcome.Failed);
        }

        var password = await signIn.CheckPasswordSignInAsync(account, command.Password, lockoutOnFailure: true);
        if (!password.Succeeded)
        {
            await audit.AppendNowAsync(db, account.Email!, password.IsLockedOut ? AuditActions.SignInLockedOut : AuditActions.SignInFailed,
                detail: password.IsLockedOut ? null : "fel lösenord", administration: account.AuditLogOf, cancellationToken: cancellationToken);
            return new PasskeySignInStart(password.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed);
        }

        var keys = await db.Set<CoordinatorPasskey>().AsNoTracking().Where(p => p.AccountId == account.Id).Select(p => p.CredentialId).ToListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            await audit.AppendNowAsync(db, account.Email!, AuditActions.SignInFailed, detail: "ingen passkey", administration: account.AuditLogOf, cancellationToken: cancellationToken);
            return new PasskeySignInStart(SignInOutcome.Failed);
        }

        var options = ceremonies.For(command.Party).GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [.. keys.Select(id => new PublicKeyCredentialDescriptor(id))],
            UserVerification = UserVerificationRequirement.Preferred,
        });
        var json = options.ToJson();
        return new PasskeySignInStart(SignInOutcome.SignedIn, json, new PendingCeremony(PasskeyCeremonies.Assertion, account.Id, json));
    }
}

public sealed class FinishPasskeySignInHandler(
    UserManager<CoordinatorAccount> users,
    SignInManager<CoordinatorAccount> signIn,
    ReportingDbContext db,
    AuditLog audit,
    PasskeyCeremonies ceremonies,
    OrganisationProfile organisation,
    TimeProvider time) : ICommandHandler<FinishPasskeySignInCommand, SignInOutcome>
{
    public async ValueTask<SignInOutcome> Handle(FinishPasskeySignInCommand command, CancellationToken cancellationToken)
    {
        if (command.Pending is not { } pending || await users.FindByIdAsync(pending.AccountId) is not { IsEnrolled: true } account)
        {
            await audit.AppendNowAsync(db, AuditActors.UnknownAccount, AuditActions.SignInFailed, detail: "passkey utan giltig början", cancellationToken: cancellationToken);
            return SignInOutcome.Failed;
        }

        if (await users.IsLockedOutAsync(account))
        {
            await audit.AppendNowAsync(db, account.Email!, AuditActions.SignInLockedOut, administration: account.AuditLogOf, cancellationToken: cancellationToken);
            return SignInOutcome.LockedOut;
        }

        if (!await signIn.CanSignInAsync(account))
        {
            // The password step asked this too; a ceremony begun before a deputy's last day ended is refused at its end.
            await audit.AppendNowAsync(db, account.Email!, AuditActions.SignInFailed, detail: $"ersättarens sista dag {account.AccessUntil:yyyy-MM-dd} har passerat", administration: account.AuditLogOf, cancellationToken: cancellationToken);
            return SignInOutcome.Failed;
        }

        var assertion = PasskeyResponses.Read<AuthenticatorAssertionRawResponse>(command.AssertionJson, "assertion");
        var passkey = await db.Set<CoordinatorPasskey>().SingleOrDefaultAsync(p => p.CredentialId == assertion.RawId && p.AccountId == account.Id, cancellationToken);
        if (passkey is null || !await VerifiesAsync(command.Party, pending, assertion, passkey, cancellationToken))
        {
            await users.AccessFailedAsync(account); // a wrong key counts like a wrong code
            var lockedOut = await users.IsLockedOutAsync(account);
            await audit.AppendNowAsync(db, account.Email!, lockedOut ? AuditActions.SignInLockedOut : AuditActions.SignInFailed, detail: "fel passkey", administration: account.AuditLogOf, cancellationToken: cancellationToken);
            return lockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed;
        }

        passkey.LastUsedOn = organisation.Today();
        await users.ResetAccessFailedCountAsync(account);
        await signIn.SignInWithClaimsAsync(account, CoordinatorSessionRules.NewSession(time),
        [
            new Claim(CoordinatorPrincipal.MultiFactorClaim, CoordinatorPrincipal.MultiFactorValue),
            new Claim(CoordinatorPrincipal.SignInMethodClaim, "passkey"),
        ]);
        await audit.AppendNowAsync(db, account.Email!, AuditActions.SignedIn, detail: $"med {PasskeyNames.Of(passkey.Number).ToLowerInvariant()}", administration: account.AuditLogOf, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return SignInOutcome.SignedIn;
    }

    private async Task<bool> VerifiesAsync(RelyingParty party, PendingCeremony pending, AuthenticatorAssertionRawResponse assertion, CoordinatorPasskey passkey, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ceremonies.For(party).MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = assertion,
                OriginalOptions = AssertionOptions.FromJson(pending.Options),
                StoredPublicKey = passkey.PublicKey,
                StoredSignatureCounter = (uint)passkey.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (args, _) =>
                    Task.FromResult(args.UserHandle is null || args.UserHandle.AsSpan().SequenceEqual(PasskeyCeremonies.UserHandle(passkey.AccountId))),
            }, cancellationToken);
            passkey.SignCount = result.SignCount;
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return false; // Fido2's refusal, or a decoder's on a malformed answer
        }
    }
}

public static class PasskeySignInEndpoints
{
    public sealed record PasswordStep(string? Email, string? Password);

    /// <summary>POST /api/sign-in/passkey/options: <c>{"email", "password"}</c> from the sign-in page (its anti-forgery token in the header).</summary>
    public static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> OptionsAsync(
        HttpContext context, IMediator mediator, PasskeyCeremonies ceremonies, CancellationToken cancellationToken)
    {
        var step = PasskeyResponses.Read<PasswordStep>(await PasskeyResponses.ReadBodyAsync(context.Request, cancellationToken), "email");
        var start = await mediator.Send(new BeginPasskeySignInCommand(step.Email, step.Password, RelyingParty.Of(context.Request)), cancellationToken);
        if (start.Pending is null)
        {
            return Refused(start.Outcome);
        }

        ceremonies.Begin(context, start.Pending);
        return TypedResults.Ok(JsonDocument.Parse(start.OptionsJson!).RootElement.Clone());
    }

    /// <summary>POST /api/sign-in/passkey: the assertion; 200 with where to go, or 401.</summary>
    public static async Task<Results<Ok<SignedInAnswer>, ProblemHttpResult>> SignInAsync(
        string? tillbaka, HttpContext context, IMediator mediator, PasskeyCeremonies ceremonies, CancellationToken cancellationToken)
    {
        var body = await PasskeyResponses.ReadBodyAsync(context.Request, cancellationToken);
        var pending = ceremonies.Finish(context, PasskeyCeremonies.Assertion);
        var outcome = await mediator.Send(new FinishPasskeySignInCommand(RelyingParty.Of(context.Request), pending, body), cancellationToken);
        return outcome == SignInOutcome.SignedIn
            ? TypedResults.Ok(new SignedInAnswer(CoordinatorsRegistration.ReturnPath(tillbaka)))
            : Refused(outcome);
    }

    public sealed record SignedInAnswer(string Location);

    private static ProblemHttpResult Refused(SignInOutcome outcome) => TypedResults.Problem(new ProblemDetails
    {
        Status = outcome == SignInOutcome.LocalSignInDisabled ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
        Title = outcome switch
        {
            SignInOutcome.LockedOut => "Kontot är spärrat en stund efter för många misslyckade försök. Försök igen om 15 minuter.",
            SignInOutcome.LocalSignInDisabled => "Inloggning med lösenord är avstängd. Logga in med kommunens konto.",
            _ => "E-postadressen, lösenordet eller nyckeln stämmer inte.",
        },
        Extensions = { ["field"] = "email" },
    });
}
