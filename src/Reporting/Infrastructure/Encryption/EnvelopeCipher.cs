using System.Security.Cryptography;

namespace Reporting.Infrastructure.Encryption;

/// <summary>A report's data key, wrapped by a key-encryption key.</summary>
public sealed record WrappedDataKey(string KeyId, byte[] Wrapped);

/// <summary>
/// Envelope encryption with AES-256-GCM: each report has its own random data key, wrapped by the
/// current key-encryption key. The associated data binds every ciphertext to its report id, so a
/// ciphertext copied onto another row does not decrypt. Layout of a sealed value: nonce | ciphertext | tag.
/// </summary>
public sealed class EnvelopeCipher(KeyRing keys)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int DataKeySize = 32;

    public KeyRing Keys => keys;

    public const string ReportKeyPurpose = "report-key";

    /// <summary>A new random data key for a record, and the same key wrapped by the current key-encryption key.</summary>
    /// <param name="recordId">The record the data key seals.</param>
    /// <param name="purpose">What the key is for (part of the wrapping's associated data).</param>
    /// <param name="administration">The record's administration (its stored code): its data key is wrapped with that administration's own key.</param>
    public (WrappedDataKey Key, byte[] DataKey) NewDataKey(Guid recordId, string purpose = ReportKeyPurpose, string? administration = null)
    {
        var dataKey = SecureRandom.GetBytes(DataKeySize);
        return (Wrap(dataKey, recordId, keys.CurrentFor(administration), purpose), dataKey);
    }

    /// <summary>A record's data key wrapped again for another administration (a transferred report): the receiver's key opens it, the sender's no more.</summary>
    public WrappedDataKey RewrapFor(WrappedDataKey wrapped, Guid recordId, string? administration, string purpose = ReportKeyPurpose) =>
        Wrap(Unwrap(wrapped, recordId, purpose), recordId, keys.CurrentFor(administration), purpose);

    public static WrappedDataKey Wrap(byte[] dataKey, Guid recordId, KeyEncryptionKey kek, string purpose = ReportKeyPurpose) =>
        new(kek.Id, Seal(kek.Key, dataKey, KeyEncryptionKey.Label(purpose, recordId)));

    public byte[] Unwrap(WrappedDataKey wrapped, Guid recordId, string purpose = ReportKeyPurpose) =>
        OpenSecretKey(keys.Get(wrapped.KeyId), wrapped.Wrapped, recordId, purpose);

    /// <summary>Unwraps a record's data key with a given key-encryption key (rotation holds keys this instance may not).</summary>
    public static byte[] OpenSecretKey(KeyEncryptionKey kek, byte[] wrapped, Guid recordId, string purpose) =>
        Open(kek.Key, wrapped, KeyEncryptionKey.Label(purpose, recordId));

    /// <summary>Encrypts a report's content (or one of its notes) with its data key.</summary>
    public static byte[] SealContent(byte[] dataKey, Guid reportId, ReadOnlySpan<byte> plaintext, string purpose = "report") =>
        Seal(dataKey, plaintext, KeyEncryptionKey.Label(purpose, reportId));

    public static byte[] OpenContent(byte[] dataKey, Guid reportId, byte[] sealedValue, string purpose = "report") =>
        Open(dataKey, sealedValue, KeyEncryptionKey.Label(purpose, reportId));

    /// <summary>Wraps a database-wide secret (such as the receipt key) with a key-encryption key.</summary>
    public static byte[] SealSecret(KeyEncryptionKey kek, string name, byte[] secret) =>
        Seal(kek.Key, secret, System.Text.Encoding.ASCII.GetBytes($"secret:{name}"));

    public static byte[] OpenSecret(KeyEncryptionKey kek, string name, byte[] sealedValue) =>
        Open(kek.Key, sealedValue, System.Text.Encoding.ASCII.GetBytes($"secret:{name}"));

    private static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext, byte[] associatedData)
    {
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        SecureRandom.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), associatedData);
        return output;
    }

    private static byte[] Open(byte[] key, byte[] sealedValue, byte[] associatedData)
    {
        if (sealedValue.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed value is too short.");
        }

        var plaintextLength = sealedValue.Length - NonceSize - TagSize;
        var plaintext = new byte[plaintextLength];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(
            sealedValue.AsSpan(0, NonceSize),
            sealedValue.AsSpan(NonceSize, plaintextLength),
            sealedValue.AsSpan(NonceSize + plaintextLength),
            plaintext,
            associatedData);
        return plaintext;
    }
}
