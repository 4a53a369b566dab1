namespace Reporting.Features.Audit;

public static class AuditRegistration
{
    /// <summary>The append-only audit log every use case writes to, and reading it.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ReporterActivity>();
        services.AddSingleton<ReporterActivityJob>();
        services.AddHostedService(provider => provider.GetRequiredService<ReporterActivityJob>());
        services.AddSingleton<FluentValidation.IValidator<ListAuditEntriesQuery>, ListAuditEntriesValidator>();
        return services;
    }
}
