using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
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

    /// <summary>
    /// Identifier checks per client per window. The form checks as the reporter types (debounced), and
    /// a whole intranet may reach the service from one address: 1,800 a minute is thirty people typing.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "RateLimiting:CheckPerClientPermitLimit must be at least 1.")]
    public int CheckPerClientPermitLimit { get; set; } = 1800;

    [Range(1, 86_400, ErrorMessage = "RateLimiting:CheckPerClientWindowSeconds must be between 1 and 86400.")]
    public int CheckPerClientWindowSeconds { get; set; } = 60;

    [Range(1, int.MaxValue, ErrorMessage = "RateLimiting:CheckGlobalPermitLimit must be at least 1.")]
    public int CheckGlobalPermitLimit { get; set; } = 12_000;

    [Range(1, 86_400, ErrorMessage = "RateLimiting:CheckGlobalWindowSeconds must be between 1 and 86400.")]
    public int CheckGlobalWindowSeconds { get; set; } = 60;
}

/// <summary>
/// Named limits that endpoints attach to themselves (<c>RequireRateLimiting</c>, or
/// <c>[EnableRateLimiting]</c> on a page), so a route matches its limit however its path is
/// written. Each limit counts per client and for everyone together, in memory. A client is known
/// only by a keyed hash of its address (an IPv6 client by its /64, which one household or office
/// gets) with a per-process random key: the address itself is never stored, logged or kept.
/// </summary>
public static class RateLimits
{
    /// <summary>Submitted reports: <c>POST /api/reports</c> and the staff form's post.</summary>
    public const string Intake = "intake";

    /// <summary>The anonymous identifier check, which costs CPU per call.</summary>
    public const string IdentifierCheck = "identifier-check";

    private static readonly byte[] ClientKeySalt = RandomNumberGenerator.GetBytes(32);

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, settings) =>
        {
            var limits = settings.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => !limits.Enabled ? RateLimitPartition.GetNoLimiter(string.Empty) : PolicyOf(context) switch
            {
                Intake when HttpMethods.IsPost(context.Request.Method) =>
                    RateLimitPartition.GetFixedWindowLimiter(Intake, _ => Window(limits.GlobalPermitLimit, limits.GlobalWindowSeconds)),
                IdentifierCheck =>
                    RateLimitPartition.GetFixedWindowLimiter(IdentifierCheck, _ => Window(limits.CheckGlobalPermitLimit, limits.CheckGlobalWindowSeconds)),
                _ => RateLimitPartition.GetNoLimiter(string.Empty),
            });
            // The staff form's page carries the intake limit for its GET too; only a post is a report.
            limiter.AddPolicy(Intake, context => limits.Enabled && HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => Window(limits.PerClientPermitLimit, limits.PerClientWindowSeconds))
                : RateLimitPartition.GetNoLimiter(string.Empty));
            limiter.AddPolicy(IdentifierCheck, context => limits.Enabled
                ? RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => Window(limits.CheckPerClientPermitLimit, limits.CheckPerClientWindowSeconds))
                : RateLimitPartition.GetNoLimiter(string.Empty));
        });
        return services;
    }

    /// <summary>The client's partition: a keyed hash of its address, IPv6 by its /64 prefix.</summary>
    internal static string ClientKey(HttpContext context) => ClientKey(context.Connection.RemoteIpAddress);

    internal static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        // One IPv6 client (a home, an office) is usually given a whole /64 and may pick any address in it.
        var significant = address.AddressFamily == AddressFamily.InterNetworkV6 ? bytes.AsSpan(0, 8) : bytes.AsSpan();
        return Convert.ToHexString(HMACSHA256.HashData(ClientKeySalt, significant));
    }

    private static string? PolicyOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;

    private static FixedWindowRateLimiterOptions Window(int permits, int seconds) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromSeconds(seconds),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
        RetryAfter.Set(rejected.HttpContext.Response, retryAfter);
        var title = PolicyOf(rejected.HttpContext) == IdentifierCheck
            ? "Too many checks right now; try again later."
            : "Too many reports right now; try again later.";
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title).ExecuteAsync(rejected.HttpContext);
    }
}

/// <summary>The Retry-After header in whole seconds (never zero), in one place.</summary>
public static class RetryAfter
{
    public static void Set(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
