using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Reporting.Features.Coordinators;

/// <summary>
/// <c>Authentication:*</c>: the municipality's OpenID Connect provider for coordinators, and whether
/// the password + authenticator sign-in stays open beside it.
/// </summary>
public sealed class SingleSignOnOptions : IValidatableObject
{
    public const string SectionName = "Authentication";

    /// <summary><c>Authentication:LocalSignIn</c>: false hides and refuses the password sign-in.</summary>
    public bool LocalSignIn { get; set; } = true;

    public OidcOptions Oidc { get; set; } = new();

    public bool Enabled => !string.IsNullOrWhiteSpace(Oidc.Authority);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            if (!LocalSignIn)
            {
                yield return new ValidationResult(
                    "Authentication:LocalSignIn is false but Authentication:Oidc:Authority is empty: no coordinator could sign in. Configure the provider or set it to true.");
            }

            yield break;
        }

        if (!Uri.TryCreate(Oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult("Authentication:Oidc:Authority must be the provider's issuer URL, for example https://login.kommun.se/realms/personal.");
        }
        else if (authority.Scheme == "http" && !IsLoopback(authority))
        {
            yield return new ValidationResult("Authentication:Oidc:Authority must use https:// (http:// only on this machine: localhost, 127.0.0.1, ::1).");
        }

        if (string.IsNullOrWhiteSpace(Oidc.ClientId))
        {
            yield return new ValidationResult("Authentication:Oidc:ClientId must be set when Authentication:Oidc:Authority is.");
        }

        if (string.IsNullOrWhiteSpace(Oidc.RequiredAmr) && string.IsNullOrWhiteSpace(Oidc.RequiredAcr))
        {
            yield return new ValidationResult("Authentication:Oidc:RequiredAmr (or Authentication:Oidc:RequiredAcr) must name how the provider asserts multi-factor sign-in, for example mfa.");
        }

        if (string.IsNullOrWhiteSpace(Oidc.EmailClaim))
        {
            yield return new ValidationResult("Authentication:Oidc:EmailClaim must name the claim that holds the coordinator's e-mail address, for example email.");
        }

        if (string.IsNullOrWhiteSpace(Oidc.EmailVerifiedClaim))
        {
            yield return new ValidationResult("Authentication:Oidc:EmailVerifiedClaim must name the claim that says the address is verified, for example email_verified.");
        }
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}

/// <summary><c>Authentication:Oidc:*</c>.</summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>A value the id token's <c>amr</c> must contain (RFC 8176), unless <see cref="RequiredAcr"/> is met instead.</summary>
    public string? RequiredAmr { get; set; } = "mfa";

    /// <summary>For providers that assert the strength as <c>acr</c> (e.g. an eID broker's level of assurance): accepted when equal.</summary>
    public string? RequiredAcr { get; set; }

    public string EmailClaim { get; set; } = "email";

    /// <summary>
    /// The claim that says the provider has verified the e-mail address (<c>true</c>); an unbound account
    /// is bound only when it does. Entra ID sends no <c>email_verified</c>: its optional claim
    /// <c>xms_edov</c> says the same, or pin the subject with <c>coordinator add --sso --subject</c>.
    /// </summary>
    public string EmailVerifiedClaim { get; set; } = "email_verified";
}
