using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Reporting.Features.Audit;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Coordinators;

/// <summary>
/// The provider has returned a valid id token (signature, issuer, audience, lifetime, nonce checked by
/// the OpenID Connect handler): decide whether it signs a coordinator in. The token must assert
/// multi-factor sign-in; its e-mail must be an active coordinator's that may use the provider (an
/// account enrolled with a password only after <c>coordinator allow-sso</c>). An account is bound to
/// the provider's <c>sub</c> at the first sign-in only when the token says the address is verified
/// (<c>email_verified: true</c>; a missing claim is not a yes: the "nOAuth" take-over of an account by
/// an address anyone can set at the provider), or ahead of time by <c>coordinator add --sso --subject</c>;
/// a later token with another <c>sub</c> is refused. Every outcome is audited, never with the token.
/// </summary>
public sealed record SignInWithProviderCommand(ClaimsPrincipal IdToken) : ICommand<ProviderSignIn>;

public enum ProviderRefusal
{
    None,
    NoMultiFactor,
    UnknownAccount,
    OtherSubject,
    UnverifiedEmail,
    NotAllowed,
}

/// <summary>The coordinator's principal (with <c>amr=mfa</c> and the sign-in method) when signed in, or why not.</summary>
public sealed record ProviderSignIn(ProviderRefusal Refusal, ClaimsPrincipal? Principal)
{
    public static ProviderSignIn Refused(ProviderRefusal refusal) => new(refusal, null);
}

public sealed class SignInWithProviderHandler(
    UserManager<CoordinatorAccount> users,
    SignInManager<CoordinatorAccount> signIn,
    ReportingDbContext db,
    AuditLog audit,
    IOptions<SingleSignOnOptions> options) : ICommandHandler<SignInWithProviderCommand, ProviderSignIn>
{
    /// <summary>The login provider name the account's binding to the provider's subject is stored under.</summary>
    public const string LoginProvider = "oidc";

    public async ValueTask<ProviderSignIn> Handle(SignInWithProviderCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value.Oidc;
        var token = command.IdToken;
        var email = token.FindFirst(settings.EmailClaim)?.Value?.Trim();
        var account = string.IsNullOrEmpty(email) || email.Length > 256 ? null : await users.FindByEmailAsync(email);
        var actor = account?.Email ?? AuditActors.UnknownAccount;

        if (!AssertsMultiFactor(token, settings))
        {
            return await RefuseAsync(actor, ProviderRefusal.NoMultiFactor, "kommunens konto: utan flerfaktorsinloggning", cancellationToken);
        }

        if (account is not { IsEnrolled: true } || await users.IsLockedOutAsync(account))
        {
            return await RefuseAsync(actor, ProviderRefusal.UnknownAccount, "kommunens konto: inget aktivt samordnarkonto", cancellationToken);
        }

        if (!await signIn.CanSignInAsync(account))
        {
            return await RefuseAsync(actor, ProviderRefusal.UnknownAccount, $"kommunens konto: ersättarens sista dag {account.AccessUntil:yyyy-MM-dd} har passerat", cancellationToken);
        }

        if (!account.MayUseSingleSignOn)
        {
            return await RefuseAsync(actor, ProviderRefusal.NotAllowed, "kommunens konto: kontot loggar in med lösenord och är inte tillåtet för kommunens konto", cancellationToken);
        }

        var subject = token.FindFirst("sub")?.Value;
        var bound = (await users.GetLoginsAsync(account)).FirstOrDefault(l => l.LoginProvider == LoginProvider);
        var subjectsAccount = string.IsNullOrEmpty(subject) ? null : await users.FindByLoginAsync(LoginProvider, subject);
        // Refused: no subject, an account bound to another subject, or this subject bound to another account.
        if (string.IsNullOrEmpty(subject) || (bound is not null && !string.Equals(bound.ProviderKey, subject, StringComparison.Ordinal))
            || (subjectsAccount is not null && subjectsAccount.Id != account.Id))
        {
            return await RefuseAsync(actor, ProviderRefusal.OtherSubject, "kommunens konto: ett annat konto hos identitetsleverantören", cancellationToken);
        }

        // Binding by address needs the provider's word that the address is the person's: only "true" is a yes.
        if (bound is null && !string.Equals(token.FindFirst(settings.EmailVerifiedClaim)?.Value, "true", StringComparison.OrdinalIgnoreCase))
        {
            return await RefuseAsync(actor, ProviderRefusal.UnverifiedEmail, "kommunens konto: e-postadressen är inte bekräftad", cancellationToken);
        }

        if (bound is null)
        {
            (await users.AddLoginAsync(account, new UserLoginInfo(LoginProvider, subject, "Kommunens konto"))).Require("Binding the account to the provider");
        }

        var principal = await signIn.CreateUserPrincipalAsync(account);
        ((ClaimsIdentity)principal.Identity!).AddClaims(
        [
            new Claim(CoordinatorPrincipal.MultiFactorClaim, CoordinatorPrincipal.MultiFactorValue),
            new Claim(CoordinatorPrincipal.SignInMethodClaim, "sso"),
        ]);
        await audit.AppendNowAsync(db, account.Email!, AuditActions.SignedIn, detail: "kommunens konto", administration: account.AuditLogOf, cancellationToken: cancellationToken);
        return new ProviderSignIn(ProviderRefusal.None, principal);
    }

    /// <summary>The token's <c>amr</c> holds the required value, or (when configured) its <c>acr</c> equals the required level.</summary>
    public static bool AssertsMultiFactor(ClaimsPrincipal token, OidcOptions settings) =>
        (!string.IsNullOrWhiteSpace(settings.RequiredAmr) && token.FindAll("amr").Any(c => string.Equals(c.Value, settings.RequiredAmr, StringComparison.Ordinal)))
        || (!string.IsNullOrWhiteSpace(settings.RequiredAcr) && string.Equals(token.FindFirst("acr")?.Value, settings.RequiredAcr, StringComparison.Ordinal));

    private async Task<ProviderSignIn> RefuseAsync(string actor, ProviderRefusal refusal, string detail, CancellationToken cancellationToken)
    {
        await audit.AppendNowAsync(db, actor, AuditActions.SignInFailed, detail: detail, cancellationToken: cancellationToken);
        return ProviderSignIn.Refused(refusal);
    }
}
