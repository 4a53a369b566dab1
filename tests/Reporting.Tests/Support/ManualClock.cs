namespace Reporting.Tests.Support;

/// <summary>A clock the test sets; everything in the service reads time through TimeProvider.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
