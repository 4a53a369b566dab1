namespace Reporting.Infrastructure.Persistence.Records;

/// <summary>The last human reference number handed out in a year (references are YYYY-NNN).</summary>
public sealed class ReferenceCounter
{
    public int Year { get; set; }

    public int LastNumber { get; set; }
}
