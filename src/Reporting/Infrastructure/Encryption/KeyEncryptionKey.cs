using System.Security.Cryptography;
using System.Text;

namespace Reporting.Infrastructure.Encryption;

/// <summary>
/// A key-encryption key. Its id is derived from the key itself, so the database can record which
/// key wrapped what without storing anything secret.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const int KeySizeInBytes = 32;

    public KeyEncryptionKey(byte[] key)
    {
        if (key.Length != KeySizeInBytes)
        {
            throw new ArgumentException($"A key-encryption key must be {KeySizeInBytes} bytes.", nameof(key));
        }

        Key = key;
        Id = Convert.ToHexStringLower(SHA256.HashData([.. "reporting-kek:"u8, .. key]))[..16];
    }

    public string Id { get; }

    internal byte[] Key { get; }

    public static KeyEncryptionKey Generate() => new(RandomNumberGenerator.GetBytes(KeySizeInBytes));

    public string ToBase64() => Convert.ToBase64String(Key);

    public override string ToString() => $"key {Id}";

    internal static byte[] Label(string purpose, Guid id) => Encoding.ASCII.GetBytes($"{purpose}:{id:N}");
}
