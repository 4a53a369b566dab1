using Reporting.Features.Coordinators;

namespace Reporting.Features.Administrations;

public static class AdministrationsRegistration
{
    public static IServiceCollection AddAdministrations(this IServiceCollection services)
    {
        services.AddOptions<AdministrationList>()
            .Configure<IConfiguration>((list, configuration) => configuration.GetSection(AdministrationList.SectionName).Bind(list.Items))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AdministrationCatalogue>();
        services.AddScoped<AdministrationScope>();
        services.AddSingleton<Hosting.IStartupStep, AdministrationStamping>();
        return services;
    }

    /// <summary>
    /// Sets the request's <see cref="AdministrationScope"/> from the signed-in account's claim, after
    /// authentication and before any endpoint runs. A coordinator whose administration is no longer
    /// configured sees nothing of any other: their scope is an administration no row belongs to.
    /// </summary>
    public static WebApplication UseAdministrationScope(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                var administrations = context.RequestServices.GetRequiredService<AdministrationCatalogue>();
                var code = context.User.FindFirst(CoordinatorClaimsFactory.AdministrationClaim)?.Value;
                var administration = code is null ? administrations.Home : administrations.Find(code) ?? Administration.Unconfigured(code);
                context.RequestServices.GetRequiredService<AdministrationScope>().Enter(administration, administrations.Stored(administration));
            }

            await next(context);
        });
        return app;
    }
}
