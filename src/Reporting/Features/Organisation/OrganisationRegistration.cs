namespace Reporting.Features.Organisation;

public static class OrganisationRegistration
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddOptions<OrganisationOptions>()
            .BindConfiguration(OrganisationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<OrganisationProfile>();
        return services;
    }
}
