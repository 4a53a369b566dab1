using Microsoft.Extensions.Options;
using Reporting.Infrastructure.Storage;

namespace Reporting.Infrastructure.Encryption;

public static class EncryptionRegistration
{
    /// <summary>The key ring (key file or <c>Encryption:Key</c>), the envelope cipher and key rotation.</summary>
    public static IServiceCollection AddEncryption(this IServiceCollection services)
    {
        services.AddOptions<EncryptionOptions>().BindConfiguration(EncryptionOptions.SectionName);
        services.AddSingleton(provider => KeyRing.Load(
            provider.GetRequiredService<IOptions<EncryptionOptions>>(),
            provider.GetRequiredService<DataPaths>(),
            provider.GetRequiredService<ILogger<KeyRing>>()));
        services.AddSingleton<EnvelopeCipher>();
        services.AddSingleton<KeyRotation>();
        return services;
    }
}
