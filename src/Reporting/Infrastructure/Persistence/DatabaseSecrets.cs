namespace Reporting.Infrastructure.Persistence;

/// <summary>
/// Database-wide secrets, each stored wrapped by the key-encryption key and unwrapped once at
/// start-up by <see cref="DatabaseInitializer"/>. Someone who can read or write the database but
/// does not hold the key can neither compute nor forge what they key.
/// </summary>
public sealed class DatabaseSecrets
{
    private readonly Dictionary<string, byte[]> _secrets = new(StringComparer.Ordinal);

    /// <summary>The HMAC key that turns a receipt code into its stored hash.</summary>
    public byte[] ReceiptKey => Get(Records.StoredSecret.ReceiptKey);

    /// <summary>The HMAC key for coordinators' recovery codes (a hash without it could be planted by a database writer).</summary>
    public byte[] RecoveryCodeKey => Get(Records.StoredSecret.RecoveryCodeKey);

    /// <summary>The HMAC key for the staff survey's single-use answer codes.</summary>
    public byte[] SurveyCodeKey => Get(Records.StoredSecret.SurveyCodeKey);

    internal void Set(string name, byte[] key)
    {
        lock (_secrets)
        {
            _secrets[name] = key;
        }
    }

    private byte[] Get(string name)
    {
        lock (_secrets)
        {
            return _secrets.TryGetValue(name, out var key) ? key : throw new InvalidOperationException("The database has not been initialised.");
        }
    }
}
