using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Coordinators;

/// <summary>
/// Identity's EF store with two secrets kept better than in clear: the authenticator (TOTP) key
/// is sealed with the key-encryption key, and recovery codes are stored as HMACs keyed by a
/// database secret that the key-encryption key wraps. A copy of the database alone yields neither
/// second factors nor usable recovery codes, and someone who can write to the database cannot plant
/// a code of their own (an unkeyed hash they could compute themselves).
/// </summary>
public sealed class CoordinatorStore(ReportingDbContext context, EnvelopeCipher cipher, DatabaseSecrets secrets, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<CoordinatorAccount, ReportingDbContext>(context, describer)
{
    /// <summary>Where Identity keeps a user's own tokens, and the names of the two second-factor secrets.</summary>
    public const string Provider = "[AspNetUserStore]";
    public const string AuthenticatorKeyName = "AuthenticatorKey";
    public const string RecoveryCodesName = "RecoveryCodes";

    public override Task SetAuthenticatorKeyAsync(CoordinatorAccount user, string key, CancellationToken cancellationToken)
    {
        var kek = cipher.Keys.Current;
        var sealedKey = EnvelopeCipher.SealSecret(kek, SecretName(user), Encoding.ASCII.GetBytes(key));
        return SetTokenAsync(user, Provider, AuthenticatorKeyName, $"{kek.Id}:{Convert.ToBase64String(sealedKey)}", cancellationToken);
    }

    public override async Task<string?> GetAuthenticatorKeyAsync(CoordinatorAccount user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, Provider, AuthenticatorKeyName, cancellationToken);
        if (stored?.Split(':', 2) is not [var keyId, var value])
        {
            return null;
        }

        var kek = cipher.Keys.Get(keyId);
        return Encoding.ASCII.GetString(EnvelopeCipher.OpenSecret(kek, SecretName(user), Convert.FromBase64String(value)));
    }

    public override Task ReplaceCodesAsync(CoordinatorAccount user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, Provider, RecoveryCodesName, string.Join(';', recoveryCodes.Select(HashCode)), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(CoordinatorAccount user, string code, CancellationToken cancellationToken)
    {
        var hashes = await StoredHashesAsync(user, cancellationToken);
        var hash = HashCode(code);
        if (!hashes.Remove(hash))
        {
            return false;
        }

        await SetTokenAsync(user, Provider, RecoveryCodesName, string.Join(';', hashes), cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(CoordinatorAccount user, CancellationToken cancellationToken) =>
        (await StoredHashesAsync(user, cancellationToken)).Count;

    private async Task<List<string>> StoredHashesAsync(CoordinatorAccount user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, Provider, RecoveryCodesName, cancellationToken);
        return string.IsNullOrEmpty(stored) ? [] : [.. stored.Split(';', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static string SecretName(CoordinatorAccount user) => SecretName(user.Id);

    private static string SecretName(string userId) => $"authenticator:{userId}";

    /// <summary>Key rotation: the stored "keyId:sealed" value re-sealed under <paramref name="target"/>.</summary>
    public static string Reseal(string userId, string stored, Func<string, KeyEncryptionKey> keys, KeyEncryptionKey target)
    {
        var (keyId, value) = stored.Split(':', 2) is [var id, var sealedValue] ? (id, sealedValue) : throw new InvalidDataException("An authenticator key is stored in an unknown form.");
        var key = EnvelopeCipher.OpenSecret(keys(keyId), SecretName(userId), Convert.FromBase64String(value));
        return $"{target.Id}:{Convert.ToBase64String(EnvelopeCipher.SealSecret(target, SecretName(userId), key))}";
    }

    private string HashCode(string code) =>
        Convert.ToHexString(HMACSHA256.HashData(secrets.RecoveryCodeKey, Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));
}

/// <summary>An Identity operation that must succeed: a failure here is a fault, not bad input.</summary>
public static class IdentityOutcome
{
    public static void Require(this IdentityResult result, string operation)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{operation} failed: {string.Join(", ", result.Errors.Select(e => e.Code))}");
        }
    }
}
