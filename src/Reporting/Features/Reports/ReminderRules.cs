using Microsoft.Extensions.Options;
using Reporting.Features.Notifications;
using Reporting.Features.Organisation;
using Reporting.Features.Reports.Indexing;

namespace Reporting.Features.Reports;

/// <summary>
/// When a report needs a nudge: still new (no one has started on it) <c>Notifications:RemindNewAfterDays</c>
/// after it came in, or not closed after <c>Notifications:RemindOpenAfterDays</c>. The inbox marks
/// these reports and the daily reminder counts them; 0 days turns a rule off.
/// </summary>
public sealed class ReminderRules(IOptions<NotificationOptions> options, OrganisationProfile organisation)
{
    public int NewAfterDays => options.Value.RemindNewAfterDays;

    public int OpenAfterDays => options.Value.RemindOpenAfterDays;

    public bool NotAssessedInTime(IndexedReport report) =>
        NewAfterDays > 0 && report.Status == ReportStatus.New && report.ReceivedOn.AddDays(NewAfterDays) <= organisation.Today();

    public bool OpenTooLong(IndexedReport report) =>
        OpenAfterDays > 0 && report.Status.IsOpen && report.ReceivedOn.AddDays(OpenAfterDays) <= organisation.Today();
}
