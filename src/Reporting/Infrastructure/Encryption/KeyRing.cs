using Microsoft.Extensions.Options;
using Reporting.Hosting;
using Reporting.Infrastructure.Storage;


namespace Reporting.Infrastructure.Encryption;

/// <summary>
/// The key-encryption keys this instance holds: the current one wraps new data keys, older ones
/// still unwrap what they wrapped until a rotation has re-wrapped everything. Keys from a key file
/// follow the file: after <c>keys rotate</c> (run from the command line, or on another instance) a
/// running instance picks up the new key within seconds, and a key it does not know yet is looked up
/// in the file again before it gives up, so re-wrapped reports never stop being readable.
/// </summary>
public sealed class KeyRing
{
    private static readonly TimeSpan FileCheckInterval = TimeSpan.FromSeconds(2);

    private readonly string? _filePath;
    private readonly Lock _refresh = new();
    private Snapshot _snapshot;
    private DateTime _fileWrittenAt;
    private long _nextFileCheck;

    public KeyRing(IReadOnlyList<KeyEncryptionKey> keys, string source, string? filePath = null)
    {
        Source = source;
        _filePath = filePath;
        _snapshot = Snapshot.Of(keys, source);
        if (filePath is not null)
        {
            _fileWrittenAt = File.GetLastWriteTimeUtc(filePath);
            _nextFileCheck = Environment.TickCount64 + (long)FileCheckInterval.TotalMilliseconds;
        }
    }

    /// <summary>The key new data keys are wrapped with: the last line of the key file, or <c>Encryption:Key</c>.</summary>
    public KeyEncryptionKey Current
    {
        get
        {
            RefreshIfFileChanged(force: false);
            return _snapshot.Current;
        }
    }

    /// <summary>Every key, oldest first; a key's version is its position here (1 = the oldest).</summary>
    public IReadOnlyList<KeyEncryptionKey> Keys
    {
        get
        {
            RefreshIfFileChanged(force: false);
            return _snapshot.Keys;
        }
    }

    /// <summary>Which setting the keys came from, for messages (never the key itself).</summary>
    public string Source { get; }

    /// <summary>The key file, when the keys come from one (rotation writes to it); null with <c>Encryption:Key</c>.</summary>
    public string? FilePath => _filePath;

    /// <summary>The key a new record of this administration is wrapped with: its own, derived from the current key (null: the current key itself).</summary>
    public KeyEncryptionKey CurrentFor(string? administration) => administration is null ? Current : Current.ForAdministration(administration);

    public bool TryGet(string keyId, out KeyEncryptionKey key)
    {
        // A derived key ("master/code") is derived again from its master key.
        if (keyId.Split(KeyEncryptionKey.AdministrationSeparator) is [var masterId, var code])
        {
            var found = TryGet(masterId, out var master);
            key = found ? master.ForAdministration(code) : null!;
            return found;
        }

        if (_snapshot.ById.TryGetValue(keyId, out key!))
        {
            return true;
        }

        // Perhaps rotated since we last looked: read the file again before giving up.
        RefreshIfFileChanged(force: true);
        return _snapshot.ById.TryGetValue(keyId, out key!);
    }

    public KeyEncryptionKey Get(string keyId) =>
        TryGet(keyId, out var key)
            ? key
            : throw new KeyNotAvailableException($"The key {keyId} is not in {Source}.");

    /// <summary>
    /// Loads from <c>Encryption:Key</c> (with <c>Encryption:PreviousKeys</c> for what older keys
    /// wrapped), else from the key file, creating it on first start.
    /// </summary>
    public static KeyRing Load(IOptions<EncryptionOptions> options, DataPaths paths, ILogger<KeyRing> logger)
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.Key))
        {
            var previous = settings.PreviousKeys.Select((key, i) => Parse(key, $"Encryption:PreviousKeys:{i}"));
            return new KeyRing([.. previous, Parse(settings.Key, "Encryption:Key")], "Encryption:Key");
        }

        if (settings.PreviousKeys.Count > 0)
        {
            throw new ConfigurationException("Encryption:PreviousKeys is for use with Encryption:Key; a key file keeps older keys itself.");
        }

        if (string.IsNullOrWhiteSpace(settings.KeyFile))
        {
            throw new ConfigurationException("Encryption:KeyFile must not be empty when Encryption:Key is not set.");
        }

        var path = paths.Resolve(settings.KeyFile);
        if (!File.Exists(path))
        {
            KeyFile.Create(path, KeyEncryptionKey.Generate());
            logger.LogWarning(
                "Created a new encryption key file at {KeyFile}. Back it up separately from the database: without it no report can be read.",
                path);
        }
        else if (KeyFile.IsReadableByOthers(path))
        {
            logger.LogWarning(
                "The key file {KeyFile} (Encryption:KeyFile) can be read by other users than the service's own; narrow it to mode 0600 (chmod 600).",
                path);
        }

        return new KeyRing(KeyFile.Read(path), $"Encryption:KeyFile ({path})", path);
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
            throw new ConfigurationException($"{settingName} is not valid base64.");
        }

        return bytes.Length == KeyEncryptionKey.KeySizeInBytes
            ? new KeyEncryptionKey(bytes)
            : throw new ConfigurationException(
                $"{settingName} must be a base64 256-bit key ({KeyEncryptionKey.KeySizeInBytes} bytes), not {bytes.Length} bytes.");
    }

    private void RefreshIfFileChanged(bool force)
    {
        if (_filePath is null || (!force && Environment.TickCount64 < Volatile.Read(ref _nextFileCheck)))
        {
            return;
        }

        lock (_refresh)
        {
            _nextFileCheck = Environment.TickCount64 + (long)FileCheckInterval.TotalMilliseconds;
            try
            {
                var writtenAt = File.GetLastWriteTimeUtc(_filePath);
                if (writtenAt == _fileWrittenAt && !force)
                {
                    return;
                }

                // Keys only ever join: one retired from the file stays known to this process until it
                // restarts, so nothing it wrapped a moment ago becomes unreadable under it.
                var known = _snapshot.Keys;
                var read = KeyFile.Read(_filePath);
                var merged = known.Where(k => read.All(r => r.Id != k.Id)).Concat(read).ToList();
                _snapshot = Snapshot.Of(merged, Source, current: read[^1]);
                _fileWrittenAt = writtenAt;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Half-written or unreadable for a moment: keep the keys we have and look again later.
            }
        }
    }

    private sealed record Snapshot(IReadOnlyList<KeyEncryptionKey> Keys, IReadOnlyDictionary<string, KeyEncryptionKey> ById, KeyEncryptionKey Current)
    {
        public static Snapshot Of(IReadOnlyList<KeyEncryptionKey> keys, string source, KeyEncryptionKey? current = null)
        {
            if (keys.Count == 0)
            {
                throw new ConfigurationException($"{source} holds no key.");
            }

            var byId = new Dictionary<string, KeyEncryptionKey>(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                byId.TryAdd(key.Id, key);
            }

            return new Snapshot(keys, byId, current ?? keys[^1]);
        }
    }
}

public sealed class KeyNotAvailableException(string message) : Exception(message);
