namespace Reporting.Pipeline;

/// <summary>
/// Bad input, by field. Carries messages only, never the submitted values, so logging or
/// rethrowing it cannot leak report content.
/// </summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : Exception("The request did not pass validation.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The intake cannot take more work right now (queue full or shutting down): 503 with Retry-After.</summary>
public sealed class ServiceBusyException(string reason, TimeSpan retryAfter) : Exception(reason)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>Too many attempts of something that must not pay to guess: a 429 with Retry-After.</summary>
public sealed class TooManyAttemptsException(string title, TimeSpan retryAfter) : Exception(title)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The request is well formed but conflicts with the state it would change (a cycle of links, an older version): 409 naming the field.</summary>
public sealed class RequestConflictException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
