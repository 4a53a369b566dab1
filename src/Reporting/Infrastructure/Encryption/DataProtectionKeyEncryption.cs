using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
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

    /// <summary>Key rotation: a stored Data Protection key's XML with its sealed secret re-sealed under <paramref name="target"/>.</summary>
    public static string Reseal(string xml, KeyEncryptionKey old, KeyEncryptionKey target)
    {
        var document = XElement.Parse(xml);
        var sealedKey = document.Descendants().Single(e => e.Name.LocalName == "sealedKey");
        var secret = EnvelopeCipher.OpenSecret(old, SecretName, Convert.FromBase64String(sealedKey.Value));
        sealedKey.SetAttributeValue("keyId", target.Id);
        sealedKey.Value = Convert.ToBase64String(EnvelopeCipher.SealSecret(target, SecretName, secret));
        return document.ToString(SaveOptions.DisableFormatting);
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

/// <summary>
/// Hands Data Protection only the keys that carry this service's seal. A key written into the
/// database in clear (by someone who can write to the database but does not hold the
/// key-encryption key) would otherwise be taken as it is and let them sign a coordinator's cookie.
/// </summary>
public sealed partial class SealedKeysOnlyXmlRepository(IXmlRepository inner, ILogger<SealedKeysOnlyXmlRepository> logger) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var accepted = new List<XElement>();
        foreach (var element in inner.GetAllElements())
        {
            if (element.Name.LocalName != "key" || IsSealed(element))
            {
                accepted.Add(element); // revocations carry no secret; a key needs the seal
            }
            else
            {
                LogUnsealedKey(logger, (string?)element.Attribute("id") ?? "?");
            }
        }

        return accepted;
    }

    public void StoreElement(XElement element, string friendlyName) => inner.StoreElement(element, friendlyName);

    /// <summary>The key's secret is inside an encryptedSecret element that names our decryptor, and nowhere in clear.</summary>
    internal static bool IsSealed(XElement key)
    {
        var encrypted = key.Descendants().Where(e => e.Name.LocalName == "encryptedSecret").ToList();
        return encrypted.Count == 1
            && ((string?)encrypted[0].Attribute("decryptorType"))?.StartsWith(typeof(KeyRingXmlDecryptor).FullName!, StringComparison.Ordinal) == true
            && encrypted[0].Elements().SingleOrDefault() is { Name.LocalName: "sealedKey" }
            && !key.Descendants().Any(e => e.Name.LocalName == "masterKey");
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Ignored Data Protection key {KeyId}: it is not sealed with the key-encryption key")]
    private static partial void LogUnsealedKey(ILogger logger, string keyId);
}

public static class DataProtectionKeyEncryption
{
    public static IServiceCollection SealDataProtectionKeys(this IServiceCollection services)
    {
        services.AddOptions<KeyManagementOptions>().Configure<KeyRing>((options, keys) => options.XmlEncryptor = new KeyRingXmlEncryptor(keys));
        // After the repository is configured (PersistKeysToDbContext): wrap it, whatever it is.
        services.AddOptions<KeyManagementOptions>().PostConfigure<ILoggerFactory>((options, logs) =>
        {
            if (options.XmlRepository is { } repository and not SealedKeysOnlyXmlRepository)
            {
                options.XmlRepository = new SealedKeysOnlyXmlRepository(repository, logs.CreateLogger<SealedKeysOnlyXmlRepository>());
            }
        });
        return services;
    }
}
