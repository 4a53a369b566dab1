namespace Reporting.Infrastructure.Persistence.Records;

/// <summary>A small named value the service keeps between restarts (such as when the last alert went out).</summary>
public sealed class ServiceState
{
    public const string LastAlertSentAt = "alerts.last-sent-at";

    public string Name { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}
