namespace Reporting.Infrastructure.Encryption;

public sealed class EncryptionOptions
{
    public const string SectionName = "Encryption";

    /// <summary>Key file with one base64 key-encryption key per line; the last line is current.</summary>
    public string KeyFile { get; set; } = "{DataDirectory}/keys/reporting.key";

    /// <summary>A base64 256-bit key; when set it overrides <see cref="KeyFile"/>.</summary>
    public string? Key { get; set; }
}
