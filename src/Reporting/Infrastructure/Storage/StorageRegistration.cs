namespace Reporting.Infrastructure.Storage;

public static class StorageRegistration
{
    /// <summary>Where the embedded defaults live (database, key file, mail pickup): <c>Storage:DataDirectory</c>.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "Storage:DataDirectory must not be empty.")
            .ValidateOnStart();
        services.AddSingleton<DataPaths>();
        return services;
    }
}
