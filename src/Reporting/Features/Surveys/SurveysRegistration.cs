using FluentValidation;

namespace Reporting.Features.Surveys;

public static class SurveysRegistration
{
    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddSingleton<AnswerCodes>();
        services.AddSingleton<SurveySealer>();
        services.AddScoped<SurveyTally>();
        services.AddSingleton<IValidator<OpenSurveyCommand>, OpenSurveyValidator>();
        services.AddSingleton<IValidator<AnswerSurveyCommand>, AnswerSurveyValidator>();
        return services;
    }
}
