using Microsoft.Data.Sqlite;

namespace Reporting.Infrastructure.Persistence;

/// <summary>
/// The SQLite database, its WAL and shared-memory files are readable and writable by the service's
/// user only (0600), as the key file is. SQLite gives the -wal and -shm files the database file's
/// own mode, so creating the database file first with 0600 covers all three; an existing database
/// with a wider mode is narrowed at start.
/// </summary>
public static class SqliteFiles
{
    public const UnixFileMode OwnerOnlyMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Prepare(string connectionString)
    {
        var path = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Storage.OwnerOnlyDirectory.Create(directory);
        }

        if (!File.Exists(path))
        {
            CreateEmpty(path);
        }

        OwnerOnly(connectionString);
    }

    /// <summary>Narrows the database and its companions to 0600 where they are wider.</summary>
    public static void OwnerOnly(string connectionString)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~OwnerOnlyMode) != 0)
            {
                File.SetUnixFileMode(file, OwnerOnlyMode);
            }
        }
    }

    /// <summary>An empty file with mode 0600 (SQLite takes an empty file as a new database).</summary>
    public static void CreateEmpty(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyMode;
        }

        using var _ = new FileStream(path, options);
    }
}
