namespace Reporting.Features.Audit;

/// <summary>
/// Forwarding of the audit log to the förvaltning's log system (<c>Audit:Syslog</c>): RFC 5424 over
/// TCP (RFC 6587 octet counting), optionally TLS (RFC 5425). Off while <see cref="Host"/> is empty.
/// </summary>
public sealed class SyslogOptions
{
    public const string Section = "Audit:Syslog";

    public string? Host { get; set; }

    public int Port { get; set; } = 514;

    /// <summary>TLS to the receiver, its certificate checked against <see cref="Host"/> (usually port 6514).</summary>
    public bool Tls { get; set; }

    /// <summary>The HOSTNAME field; the machine's name when empty.</summary>
    public string? HostName { get; set; }

    /// <summary>How often new audit lines are looked for, in seconds.</summary>
    public int PollSeconds { get; set; } = 5;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
