using Microsoft.Extensions.Options;
using Reporting.Infrastructure.Email;

namespace Reporting.Features.Notifications;

public static class NotificationsRegistration
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SmtpMailTransport>();
        services.AddSingleton(provider => new PickupDirectoryMailTransport(
            provider.GetRequiredService<Infrastructure.Storage.DataPaths>().Resolve(provider.GetRequiredService<IOptions<NotificationOptions>>().Value.PickupDirectory)));
        services.AddSingleton<IMailTransport>(provider =>
            string.IsNullOrWhiteSpace(provider.GetRequiredService<IOptions<SmtpOptions>>().Value.Host)
                ? provider.GetRequiredService<PickupDirectoryMailTransport>()
                : provider.GetRequiredService<SmtpMailTransport>());
        services.AddSingleton<AlertComposer>();
        services.AddSingleton<AlertRecipients>();
        services.AddSingleton<AlertSchedule>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxSignal>(provider => provider.GetRequiredService<OutboxSignal>());
        services.AddSingleton<AlertSender>();
        services.AddHostedService(provider => provider.GetRequiredService<AlertSender>());
        services.AddSingleton<Reports.ReminderRules>();
        services.AddSingleton<ReminderJob>();
        services.AddHostedService(provider => provider.GetRequiredService<ReminderJob>());
        services.AddHealthChecks().AddCheck<AlertHealthCheck>("alerts", tags: ["ready"]);
        return services;
    }
}
