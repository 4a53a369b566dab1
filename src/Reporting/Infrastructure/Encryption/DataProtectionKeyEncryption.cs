using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Reporting.Infrastructure.Encryption;

/// <summary>
/// Seals ASP.NET Core Data Protection keys (which sign session cookies and anti-forgery tokens)
/// with the key-encryption key before they are stored in the database, so a copy of the database
/// alone cannot be used to forge a coordinator's session.
/// </summary>
public sealed class KeyRingXmlEncryptor(KeyRing keys) : IXmlEncryptor
{
    internal const string SecretName = "data-protection-key";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var kek = keys.Current;
        var sealedKey = EnvelopeCipher.SealSecret(kek, SecretName, Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)));
        var element = new XElement("sealedKey", new XAttribute("keyId", kek.Id), Convert.ToBase64String(sealedKey));
        return new EncryptedXmlInfo(element, typeof(KeyRingXmlDecryptor));
    }
}

/// <summary>Opens Data Protection keys sealed by <see cref="KeyRingXmlEncryptor"/> (created by Data Protection with the service provider).</summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var keys = services.GetRequiredService<KeyRing>();
        var kek = keys.Get((string?)encryptedElement.Attribute("keyId") ?? throw new InvalidDataException("A sealed Data Protection key has no key id."));
        var xml = EnvelopeCipher.OpenSecret(kek, KeyRingXmlEncryptor.SecretName, Convert.FromBase64String(encryptedElement.Value));
        return XElement.Parse(Encoding.UTF8.GetString(xml));
    }
}

public static class DataProtectionKeyEncryption
{
    public static IServiceCollection SealDataProtectionKeys(this IServiceCollection services)
    {
        services.AddOptions<KeyManagementOptions>().Configure<KeyRing>((options, keys) => options.XmlEncryptor = new KeyRingXmlEncryptor(keys));
        return services;
    }
}
