
namespace Reporting.Features.FollowUp;

public static class FollowUpRegistration
{
    public static IServiceCollection AddFollowUp(this IServiceCollection services)
    {
        services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReceiptGuessing>();
        services.AddScoped<ReceiptLookup>();
        return services;
    }
}
