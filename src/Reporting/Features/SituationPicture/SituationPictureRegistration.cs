using FluentValidation;

namespace Reporting.Features.SituationPicture;

public static class SituationPictureRegistration
{
    public static IServiceCollection AddSituationPictures(this IServiceCollection services)
    {
        services.AddSingleton<SituationPictureSealer>();
        services.AddSingleton<IValidator<GetSituationPictureQuery>, GetSituationPictureValidator>();
        services.AddSingleton<IValidator<SaveSituationPictureCommand>, SaveSituationPictureValidator>();
        services.AddSingleton<IValidator<ExportSituationPictureQuery>, ExportSituationPictureValidator>();
        services.AddSingleton<IValidator<ImportSourceFiguresQuery>, ImportSourceFiguresValidator>();
        return services;
    }
}
