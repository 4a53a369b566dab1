namespace Reporting.Infrastructure.Telemetry;

/// <summary>
/// Telemetry: off unless <see cref="OtlpEndpoint"/> or <see cref="Prometheus"/> is set. What a reader
/// of the metrics learns is in SECURITY.md; the strictest setting is both off.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>An OTLP collector (http://collector:4317 for gRPC, or …:4318 with <see cref="OtlpProtocol"/> http/protobuf); empty = no export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>GET /metrics in Prometheus text, for coordinators' IT to scrape from inside the network.</summary>
    public bool Prometheus { get; set; }

    /// <summary>Traces of the coordinators' requests and the background jobs; metrics alone when off.</summary>
    public bool Traces { get; set; } = true;

    /// <summary>The intake writer's batch sizes and commit times: they follow reports to the second, so for load tests only.</summary>
    public bool WriterDetail { get; set; }

    /// <summary>How often metrics are exported over OTLP, in seconds.</summary>
    public int ExportIntervalSeconds { get; set; } = 60;

    public bool Enabled => !string.IsNullOrWhiteSpace(OtlpEndpoint) || Prometheus;
}
