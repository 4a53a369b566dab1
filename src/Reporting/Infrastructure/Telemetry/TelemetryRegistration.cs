using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Reporting.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry when <c>Telemetry:OtlpEndpoint</c> or <c>Telemetry:Prometheus</c> is set: the
/// service's metrics (<see cref="ReportingMetrics"/>), request duration by route template, and traces
/// of the coordinators' requests and the background jobs. The form, follow-up and survey (anyone's
/// requests) are neither traced nor counted per request: a span or a histogram bucket there would
/// date a report to the second (<see cref="UseTelemetryPrivacy"/>).
/// </summary>
public static class TelemetryRegistration
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.OtlpEndpoint)
                    || (Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"),
                "Telemetry:OtlpEndpoint must be an absolute http or https address (http://collector:4317), or empty for no export.")
            .Validate(o => o.OtlpProtocol is "grpc" or "http/protobuf", "Telemetry:OtlpProtocol must be grpc or http/protobuf.")
            .Validate(o => o.ExportIntervalSeconds is >= 1 and <= 86_400, "Telemetry:ExportIntervalSeconds must be between 1 and 86400.")
            .ValidateOnStart();
        services.AddSingleton<ReportingMetrics>();
        services.AddHostedService<TelemetrySampler>();

        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("reporting"));
        telemetry.WithMetrics(metrics =>
        {
            // The hosting meter's http.server.request.duration carries the route template, method and status; no address, agent or query.
            metrics.AddMeter(ReportingMetrics.MeterName, "Microsoft.AspNetCore.Hosting");
            if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
            {
                metrics.AddOtlpExporter((exporter, reader) =>
                {
                    Configure(exporter, options);
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.ExportIntervalSeconds * 1000;
                });
            }

            if (options.Prometheus)
            {
                metrics.AddPrometheusExporter();
            }
        });
        if (options.Traces)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(ReportingMetrics.Jobs.Name)
                    .AddAspNetCoreInstrumentation(instrumentation => instrumentation.RecordException = false)
                    .AddProcessor(new ScrubbingProcessor());
                if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
                {
                    tracing.AddOtlpExporter(exporter => Configure(exporter, options));
                }
            });
        }

        return services;
    }

    /// <summary>Before anything else runs: anyone's requests leave no span and no request metric; the coordinators' do.</summary>
    public static WebApplication UseTelemetryPrivacy(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!IsCoordinatorEndpoint(context.GetEndpoint()))
            {
                if (context.Features.Get<IHttpActivityFeature>()?.Activity is { } activity)
                {
                    activity.IsAllDataRequested = false;
                    activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                }

                if (context.Features.Get<IHttpMetricsTagsFeature>() is { } metrics)
                {
                    metrics.MetricsDisabled = true;
                }
            }

            await next(context);
        });
        return app;
    }

    /// <summary>GET /metrics in Prometheus text when <c>Telemetry:Prometheus</c> is on; limit it to the internal network at the proxy.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        }

        return app;
    }

    /// <summary>A route that needs a signed-in coordinator: the only requests that are traced and timed.</summary>
    public static bool IsCoordinatorEndpoint(Endpoint? endpoint) =>
        endpoint is not null
        && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0
        && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;

    private static void Configure(OtlpExporterOptions exporter, TelemetryOptions options)
    {
        // A malformed address is refused by the options' validation, naming the key; never an exception here.
        if (Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint))
        {
            exporter.Endpoint = endpoint;
        }

        exporter.Protocol = options.OtlpProtocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
    }

    /// <summary>
    /// Every span leaves with its route template for a path (no report id), and without the query,
    /// the client's address and port, the user agent, or any exception text.
    /// </summary>
    private sealed class ScrubbingProcessor : BaseProcessor<Activity>
    {
        private static readonly string[] Removed =
        [
            "url.query", "url.full", "client.address", "client.port", "network.peer.address", "network.peer.port",
            "user_agent.original", "http.user_agent", "http.client_ip", "http.url", "http.target", "exception.message", "exception.stacktrace",
        ];

        public override void OnEnd(Activity data)
        {
            foreach (var tag in Removed)
            {
                data.SetTag(tag, null);
            }

            if (data.GetTagItem("url.path") is not null)
            {
                data.SetTag("url.path", data.GetTagItem("http.route") as string ?? "(no route)");
            }

            foreach (var activityEvent in data.Events)
            {
                if (activityEvent.Name == "exception")
                {
                    // Events cannot be removed one by one; a span with an exception event is not recorded at all.
                    data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                }
            }
        }
    }
}
