using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Reporting.Features.Coordinators;

/// <summary>Degraded (not failed: password sign-in and everything else still work) while the provider's discovery document cannot be read.</summary>
public sealed class SingleSignOnHealthCheck(IOptionsMonitor<OpenIdConnectOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Get(SingleSignOnRegistration.Scheme).ConfigurationManager is not { } manager)
        {
            return HealthCheckResult.Degraded("Single sign-on is configured but has no discovery client.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await manager.GetConfigurationAsync(timeout.Token);
            return HealthCheckResult.Healthy("The identity provider's discovery document was read.");
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException or HttpRequestException)
        {
            return HealthCheckResult.Degraded("The identity provider's discovery document cannot be read; single sign-on is unavailable, password sign-in still works.");
        }
    }
}
