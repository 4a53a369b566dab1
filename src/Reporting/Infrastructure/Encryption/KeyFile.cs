using Reporting.Hosting;

namespace Reporting.Infrastructure.Encryption;

/// <summary>
/// The key file: one base64 key per line, oldest first, the last is current. Only its owner may
/// read it (mode 0600), and every write goes through a temporary file and a rename.
/// </summary>
public static class KeyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static IReadOnlyList<KeyEncryptionKey> Read(string path)
    {
        var lines = File.ReadAllLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
        if (lines.Count == 0)
        {
            throw new ConfigurationException($"Encryption:KeyFile ({path}) holds no key.");
        }

        return [.. lines.Select((line, i) => KeyRing.Parse(line, $"Encryption:KeyFile ({path}), key {i + 1}"))];
    }

    public static void Create(string path, KeyEncryptionKey key) => Write(path, [key]);

    /// <summary>True when the group or others may read the file (anything wider than 0600).</summary>
    public static bool IsReadableByOthers(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0;

    public static void Write(string path, IEnumerable<KeyEncryptionKey> keys)
    {
        var directory = Path.GetDirectoryName(path)!;
        Storage.OwnerOnlyDirectory.Create(directory);

        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var content = string.Join('\n', keys.Select(k => k.ToBase64())) + "\n";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(temporary, fileOptions))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
