using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Reporting.Pipeline;

public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Reports per client per window: generous, since a whole intranet may share one address.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "RateLimiting:PerClientPermitLimit must be at least 1.")]
    public int PerClientPermitLimit { get; set; } = 60;

    [Range(1, 86_400, ErrorMessage = "RateLimiting:PerClientWindowSeconds must be between 1 and 86400.")]
    public int PerClientWindowSeconds { get; set; } = 600;

    [Range(1, int.MaxValue, ErrorMessage = "RateLimiting:GlobalPermitLimit must be at least 1.")]
    public int GlobalPermitLimit { get; set; } = 1000;

    [Range(1, 86_400, ErrorMessage = "RateLimiting:GlobalWindowSeconds must be between 1 and 86400.")]
    public int GlobalWindowSeconds { get; set; } = 60;
}

/// <summary>
/// Limits on report intake (the API and the form post), per client and for everyone together, in
/// memory. A client is known only by a keyed hash of its address with a per-process random key:
/// the address itself is never stored, logged or kept beyond the window.
/// </summary>
public static class IntakeRateLimiting
{
    private static readonly byte[] ClientKeySalt = RandomNumberGenerator.GetBytes(32);

    public static IServiceCollection AddIntakeRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, settings) =>
        {
            var limits = settings.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            if (!limits.Enabled)
            {
                return;
            }

            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsIntake(context)
                    ? RateLimitPartition.GetFixedWindowLimiter("all", _ => Window(limits.GlobalPermitLimit, limits.GlobalWindowSeconds))
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsIntake(context)
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => Window(limits.PerClientPermitLimit, limits.PerClientWindowSeconds))
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
        });
        return services;
    }

    /// <summary>A submitted report: POST /api/reports or the staff form's POST /.</summary>
    private static bool IsIntake(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && (context.Request.Path.Equals("/api/reports", StringComparison.OrdinalIgnoreCase) || context.Request.Path == "/");

    private static FixedWindowRateLimiterOptions Window(int permits, int seconds) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromSeconds(seconds),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string ClientKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return Convert.ToHexString(HMACSHA256.HashData(ClientKeySalt, System.Text.Encoding.UTF8.GetBytes(address)));
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
        rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many reports right now; try again later.")
            .ExecuteAsync(rejected.HttpContext);
    }
}
