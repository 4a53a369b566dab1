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
        : this(key, Convert.ToHexStringLower(SHA256.HashData([.. "reporting-kek:"u8, .. key]))[..16])
    {
    }

    private KeyEncryptionKey(byte[] key, string id)
    {
        if (key.Length != KeySizeInBytes)
        {
            throw new ArgumentException($"A key-encryption key must be {KeySizeInBytes} bytes.", nameof(key));
        }

        Key = key;
        Id = id;
    }

    /// <summary>Separates a master key's id from an administration's code in a derived key's id ("3f2a…/norrmalm").</summary>
    public const char AdministrationSeparator = '/';

    /// <summary>
    /// The administration's own key-encryption key, derived from this (master) key with HKDF-SHA256 and
    /// the administration's code (ADR 19): one administration's derived key opens its reports' data keys
    /// and no other's. Its id names the master key and the code, so any instance holding the master
    /// key derives it again; nothing secret is stored.
    /// </summary>
    public KeyEncryptionKey ForAdministration(string code) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, Key, KeySizeInBytes, salt: [], info: Encoding.UTF8.GetBytes($"reporting-administration-kek:{code}")),
            $"{Id}{AdministrationSeparator}{code}");

    /// <summary>The master key's id of a derived key's id (the id itself for a master key).</summary>
    public static string MasterIdOf(string keyId) => keyId.Split(AdministrationSeparator)[0];

    public string Id { get; }

    internal byte[] Key { get; }

    public static KeyEncryptionKey Generate() => new(RandomNumberGenerator.GetBytes(KeySizeInBytes));

    public string ToBase64() => Convert.ToBase64String(Key);

    public override string ToString() => $"key {Id}";

    internal static byte[] Label(string purpose, Guid id) => Encoding.ASCII.GetBytes($"{purpose}:{id:N}");
}
