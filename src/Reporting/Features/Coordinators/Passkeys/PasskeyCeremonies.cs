using System.Text;
using System.Text.Json;
using Fido2NetLib;
using Microsoft.AspNetCore.DataProtection;
using Reporting.Features.Organisation;

namespace Reporting.Features.Coordinators.Passkeys;

/// <summary>A ceremony begun and not yet finished: whose it is and the options the browser was given.</summary>
public sealed record PendingCeremony(string Purpose, string AccountId, string Options);

/// <summary>
/// What the two WebAuthn ceremonies share. The relying party is the host the coordinator reached
/// (behind a proxy listed in <c>ReverseProxy:KnownProxies</c>, the forwarded one), and only its own
/// origin is accepted. Between the options and the browser's answer the pending ceremony travels in
/// a short-lived cookie protected with the service's Data Protection keys (shared by every
/// instance), so nothing is stored and a ceremony cannot be finished on another account's options.
/// </summary>
public sealed class PasskeyCeremonies(IDataProtectionProvider protection, OrganisationProfile organisation, TimeProvider time)
{
    public const string Registration = "registration";
    public const string Assertion = "assertion";
    private const string CookieName = "rapportering.passkey";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Reporting.Passkeys.Ceremony").ToTimeLimitedDataProtector();

    public IFido2 For(RelyingParty party) => new Fido2(new Fido2Configuration
    {
        RPID = party.Host,
        RPName = $"Rapportering – {organisation.Name}",
        Origins = new HashSet<string>(StringComparer.Ordinal) { party.Origin },
        Timeout = (uint)Lifetime.TotalMilliseconds,
    }, metadataService: null);

    /// <summary>The account's id as the authenticator keeps it (the user handle).</summary>
    public static byte[] UserHandle(string accountId) => Encoding.UTF8.GetBytes(accountId);

    public void Begin(HttpContext context, PendingCeremony ceremony)
    {
        var sealedValue = Protector.Protect(JsonSerializer.Serialize(ceremony, PasskeyJson.Default.PendingCeremony), time.GetUtcNow() + Lifetime);
        context.Response.Cookies.Append(CookieName, sealedValue, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = Lifetime,
        });
    }

    /// <summary>The pending ceremony of this purpose, once: the cookie is removed whatever it held.</summary>
    public PendingCeremony? Finish(HttpContext context, string purpose)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var sealedValue))
        {
            return null;
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/", Secure = context.Request.IsHttps, SameSite = SameSiteMode.Strict });
        try
        {
            var ceremony = JsonSerializer.Deserialize(Protector.Unprotect(sealedValue, out _), PasskeyJson.Default.PendingCeremony);
            return ceremony?.Purpose == purpose ? ceremony : null;
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null; // expired, tampered with, or from another deployment
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(PendingCeremony))]
internal sealed partial class PasskeyJson : System.Text.Json.Serialization.JsonSerializerContext;
