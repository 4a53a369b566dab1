namespace Reporting.Hosting;

/// <summary>An operator's configuration mistake found at start: the message names the setting, and the start stops with that one line.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
