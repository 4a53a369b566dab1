namespace Reporting.Infrastructure.Storage;

/// <summary>
/// Creates a directory, and every missing one above it, readable by the service's user only (0700):
/// .NET gives the asked-for mode to the last directory only, so a key folder made inside a data
/// directory that did not exist yet left the data directory open to everyone.
/// </summary>
public static class OwnerOnlyDirectory
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void Create(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return;
        }

        var missing = new Stack<string>();
        for (var directory = full; !string.IsNullOrEmpty(directory) && !Directory.Exists(directory); directory = Path.GetDirectoryName(directory))
        {
            missing.Push(directory);
        }

        while (missing.TryPop(out var directory))
        {
            Directory.CreateDirectory(directory, Mode);
        }
    }
}
