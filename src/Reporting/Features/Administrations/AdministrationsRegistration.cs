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
    /// authentication and before any endpoint runs (a city coordinator's is the city's: no
    /// administration's data filter, and their audit lines in the city's log). A coordinator whose administration is no longer
    /// configured sees nothing of any other: their scope is an administration no row belongs to.
    /// </summary>
    public static WebApplication UseAdministrationScope(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // A city coordinator belongs to no administration: their routes (the city's counts and roll-up) read
            // every one, and every route that shows a report refuses their role (CoordinatorsRegistration.Policy).
            if (context.User.Identity?.IsAuthenticated == true && context.User.HasClaim(CoordinatorClaimsFactory.RoleClaim, CoordinatorRoles.City))
            {
                context.RequestServices.GetRequiredService<AdministrationScope>().EnterCity();
            }
            else if (context.User.Identity?.IsAuthenticated == true)
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
