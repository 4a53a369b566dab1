using System.Diagnostics;
using System.Diagnostics.Metrics;
using Reporting.Features.Organisation;

namespace Reporting.Infrastructure.Telemetry;

/// <summary>
/// The service's own metrics (meter <c>Reporting</c>). What reporters and respondents do (reports,
/// follow-ups, replies, survey answers, identifier checks) is published only as totals up to the end
/// of yesterday, so a metrics reader sees at most how many happened per day, never when: a counter
/// exported every minute would otherwise date a report to the minute. The intake writer's batch
/// sizes and commit times follow reports to the second, so they are recorded only when
/// <c>Telemetry:WriterDetail</c> is on (a load test, not production). No instrument has a label that
/// could hold content, a receipt or an address: none has a label from a request at all.
/// </summary>
public sealed class ReportingMetrics : IDisposable
{
    public const string MeterName = "Reporting";

    /// <summary>Traces of background jobs and of the coordinators' requests' own work.</summary>
    public static readonly ActivitySource Jobs = new("Reporting.Jobs");

    private readonly Meter _meter;
    private readonly Histogram<int>? _writerBatch;
    private readonly Histogram<double>? _writerCommit;
    private readonly Counter<long> _alertFailures;
    private long _alertQueue;
    private long _indexSize;

    public ReportingMetrics(IMeterFactory meters, OrganisationProfile organisation, Microsoft.Extensions.Options.IOptions<TelemetryOptions> options)
    {
        _meter = meters.Create(MeterName);
        Reports = new DailyCount(organisation);
        FollowUps = new DailyCount(organisation);
        Replies = new DailyCount(organisation);
        SurveyAnswers = new DailyCount(organisation);
        IdentifierChecks = new DailyCount(organisation);
        BlockingFindings = new DailyCount(organisation);
        _meter.CreateObservableCounter("reporting.reports.received", Reports.BeforeToday, "{report}", "Reports received, counted to the end of yesterday.");
        _meter.CreateObservableCounter("reporting.follow_ups", FollowUps.BeforeToday, "{follow-up}", "Reporters' follow-up visits, counted to the end of yesterday.");
        _meter.CreateObservableCounter("reporting.follow_ups.replies", Replies.BeforeToday, "{reply}", "Reporters' replies, counted to the end of yesterday.");
        _meter.CreateObservableCounter("reporting.survey.answers", SurveyAnswers.BeforeToday, "{answer}", "Survey answers, counted to the end of yesterday.");
        _meter.CreateObservableCounter("reporting.identifier_checks", IdentifierChecks.BeforeToday, "{check}", "Identifier checks of typed text, counted to the end of yesterday.");
        _meter.CreateObservableCounter("reporting.identifier_checks.blocking_findings", BlockingFindings.BeforeToday, "{finding}", "Blocking findings of those checks, counted to the end of yesterday.");
        _meter.CreateObservableGauge("reporting.alerts.queue", () => Interlocked.Read(ref _alertQueue), "{delivery}", "Alert deliveries waiting for the mail server, as of the sender's last cycle.");
        _alertFailures = _meter.CreateCounter<long>("reporting.alerts.failures", "{attempt}", "Alert deliveries the mail server did not accept.");
        _meter.CreateObservableGauge("reporting.index.reports", () => Interlocked.Read(ref _indexSize), "{report}", "Reports in the inbox's index, received before today.");
        if (options.Value.WriterDetail)
        {
            _writerBatch = _meter.CreateHistogram<int>("reporting.writer.batch_size", "{write}", "Writes committed together by the intake writer.");
            _writerCommit = _meter.CreateHistogram<double>("reporting.writer.commit_duration", "s", "How long the intake writer's commits take.");
        }
    }

    public DailyCount Reports { get; }

    public DailyCount FollowUps { get; }

    public DailyCount Replies { get; }

    public DailyCount SurveyAnswers { get; }

    public DailyCount IdentifierChecks { get; }

    public DailyCount BlockingFindings { get; }

    public void AlertQueue(long waiting) => Interlocked.Exchange(ref _alertQueue, waiting);

    public void AlertFailed() => _alertFailures.Add(1);

    public void IndexSize(long reportsBeforeToday) => Interlocked.Exchange(ref _indexSize, reportsBeforeToday);

    public void WriterCommitted(int batchSize, TimeSpan took)
    {
        _writerBatch?.Record(batchSize);
        _writerCommit?.Record(took.TotalSeconds);
    }

    public void Dispose() => _meter.Dispose();

    /// <summary>
    /// A count that is published a day late: what happened today is held back until the local
    /// midnight, then folded into the total a reader sees. Restarts lose today's part, which only
    /// makes the published figure lower, never finer.
    /// </summary>
    public sealed class DailyCount(OrganisationProfile organisation)
    {
        private readonly Lock _lock = new();
        private DateOnly _day = organisation.Today();
        private long _beforeToday;
        private long _today;

        public void Add(long count = 1)
        {
            lock (_lock)
            {
                Roll();
                _today += count;
            }
        }

        public long BeforeToday()
        {
            lock (_lock)
            {
                Roll();
                return _beforeToday;
            }
        }

        private void Roll()
        {
            var today = organisation.Today();
            if (today != _day)
            {
                _beforeToday += _today;
                _today = 0;
                _day = today;
            }
        }
    }
}
