namespace Reporting.Infrastructure.Storage;

/// <summary>Where the embedded defaults (database file, key file, mail pickup) live.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Relative paths are resolved against the content root.</summary>
    public string DataDirectory { get; set; } = "data";
}
