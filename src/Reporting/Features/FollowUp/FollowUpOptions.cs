using System.ComponentModel.DataAnnotations;

namespace Reporting.Features.FollowUp;

public sealed class FollowUpOptions
{
    public const string SectionName = "FollowUp";

    /// <summary>Failed receipt look-ups per minute for everyone together before further misses are slowed (per instance).</summary>
    [Range(1, 100_000, ErrorMessage = "FollowUp:FailedLookupsPerMinute must be between 1 and 100000.")]
    public int FailedLookupsPerMinute { get; set; } = 30;

    /// <summary>Failed receipt look-ups one client may make per <see cref="ClientWindowMinutes"/> before 429.</summary>
    [Range(1, 10_000, ErrorMessage = "FollowUp:FailedLookupsPerClient must be between 1 and 10000.")]
    public int FailedLookupsPerClient { get; set; } = 10;

    [Range(1, 1440, ErrorMessage = "FollowUp:ClientWindowMinutes must be between 1 and 1440.")]
    public int ClientWindowMinutes { get; set; } = 15;

    /// <summary>Replies a reporter may send to one report in a day before 429.</summary>
    [Range(1, 1000, ErrorMessage = "FollowUp:RepliesPerReportPerDay must be between 1 and 1000.")]
    public int RepliesPerReportPerDay { get; set; } = 10;
}
