namespace Reporting.Infrastructure.Encryption;

public sealed class EncryptionOptions
{
    public const string SectionName = "Encryption";

    /// <summary>Key file with one base64 key-encryption key per line; the last line is current.</summary>
    public string KeyFile { get; set; } = "{DataDirectory}/keys/reporting.key";

    /// <summary>A base64 256-bit key; when set it overrides <see cref="KeyFile"/>.</summary>
    public string? Key { get; set; }

    /// <summary>
    /// With <see cref="Key"/> from a secret store: the keys it replaced (base64, oldest first), kept
    /// until <c>keys rotate</c> has re-wrapped everything under the current one. A key file keeps its
    /// older keys itself.
    /// </summary>
    public List<string> PreviousKeys { get; set; } = [];
}
