using Microsoft.Extensions.Options;

namespace Reporting.Infrastructure.Storage;

/// <summary>
/// Resolves the <c>{DataDirectory}</c> placeholder that default paths in configuration use,
/// so one setting moves the database, key file and mail pickup together.
/// </summary>
public sealed class DataPaths(IOptions<StorageOptions> options, IHostEnvironment environment)
{
    public const string Placeholder = "{DataDirectory}";

    public string DataDirectory { get; } =
        Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.DataDirectory));

    public string Resolve(string configured) =>
        configured.Replace(Placeholder, DataDirectory, StringComparison.OrdinalIgnoreCase);
}
