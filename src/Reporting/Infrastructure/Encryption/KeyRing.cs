using Microsoft.Extensions.Options;
using Reporting.Infrastructure.Storage;

namespace Reporting.Infrastructure.Encryption;

/// <summary>
/// The key-encryption keys this instance holds: the current one wraps new data keys, older ones
/// still unwrap what they wrapped until a rotation has re-wrapped everything.
/// </summary>
public sealed class KeyRing
{
    private readonly Dictionary<string, KeyEncryptionKey> _byId;

    public KeyRing(IReadOnlyList<KeyEncryptionKey> keys, string source)
    {
        if (keys.Count == 0)
        {
            throw new InvalidOperationException($"{source} holds no key.");
        }

        Keys = keys;
        Source = source;
        Current = keys[^1];
        _byId = keys.ToDictionary(k => k.Id, StringComparer.Ordinal);
    }

    public KeyEncryptionKey Current { get; }

    public IReadOnlyList<KeyEncryptionKey> Keys { get; }

    /// <summary>Which setting the keys came from, for messages (never the key itself).</summary>
    public string Source { get; }

    public bool TryGet(string keyId, out KeyEncryptionKey key) => _byId.TryGetValue(keyId, out key!);

    public KeyEncryptionKey Get(string keyId) =>
        TryGet(keyId, out var key)
            ? key
            : throw new KeyNotAvailableException($"The key {keyId} is not in {Source}.");

    /// <summary>Loads from <c>Encryption:Key</c>, else from the key file, creating it on first start.</summary>
    public static KeyRing Load(IOptions<EncryptionOptions> options, DataPaths paths, ILogger<KeyRing> logger)
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.Key))
        {
            return new KeyRing([Parse(settings.Key, "Encryption:Key")], "Encryption:Key");
        }

        if (string.IsNullOrWhiteSpace(settings.KeyFile))
        {
            throw new InvalidOperationException("Encryption:KeyFile must not be empty when Encryption:Key is not set.");
        }

        var path = paths.Resolve(settings.KeyFile);
        if (!File.Exists(path))
        {
            KeyFile.Create(path, KeyEncryptionKey.Generate());
            logger.LogWarning(
                "Created a new encryption key file at {KeyFile}. Back it up separately from the database: without it no report can be read.",
                path);
        }

        return new KeyRing(KeyFile.Read(path), $"Encryption:KeyFile ({path})");
    }

    internal static KeyEncryptionKey Parse(string base64, string settingName)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{settingName} is not valid base64.");
        }

        return bytes.Length == KeyEncryptionKey.KeySizeInBytes
            ? new KeyEncryptionKey(bytes)
            : throw new InvalidOperationException(
                $"{settingName} must be a base64 256-bit key ({KeyEncryptionKey.KeySizeInBytes} bytes), not {bytes.Length} bytes.");
    }
}

public sealed class KeyNotAvailableException(string message) : Exception(message);
