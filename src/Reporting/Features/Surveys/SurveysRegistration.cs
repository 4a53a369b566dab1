
namespace Reporting.Features.Surveys;

public static class SurveysRegistration
{
    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddSingleton<AnswerCodes>();
        services.AddSingleton<SurveySealer>();
        services.AddScoped<SurveyTally>();
        return services;
    }
}
