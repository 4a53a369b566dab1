
namespace Reporting.Features.SituationPictures;

public static class SituationPictureRegistration
{
    public static IServiceCollection AddSituationPictures(this IServiceCollection services)
    {
        services.AddSingleton<SituationPictureSealer>();
        return services;
    }
}
