namespace Reporting.Features.Reports;

/// <summary>
/// A rule of a report's handling was broken (a forwarded report must say where it went, a report
/// cannot link to itself, links cannot form a cycle). The domain says which field and why, in the
/// coordinator's words; the pipeline turns it into problem details (400 naming the field, or 409
/// for a conflict with the state), so the report knows nothing of HTTP.
/// </summary>
public sealed class ReportRuleException(string field, string message, bool conflict = false) : Exception(message)
{
    public string Field { get; } = field;

    /// <summary>The request is well formed but conflicts with the report's state (409 rather than 400).</summary>
    public bool Conflict { get; } = conflict;
}
