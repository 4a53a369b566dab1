using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Features.Audit;

/// <summary>
/// Sends every new audit line to the log system, in order, each once. The audit log is its own
/// outbox: the id of the last line the receiver confirmed is kept in the database, so a restart or
/// an outage of the log system resumes where it stopped. A batch is confirmed by closing our side
/// of the connection and waiting for the receiver to close its own, which it does only after
/// reading everything; a batch not confirmed is sent again (the line's id is in the message, so a
/// receiver can drop the rare repeat). With several instances on PostgreSQL one forwards at a time.
/// </summary>
public sealed partial class SyslogForwarder(
    IDbContextFactory<ReportingDbContext> contexts,
    IOptions<SyslogOptions> options,
    ILogger<SyslogForwarder> logger) : BackgroundService
{
    public const string CursorName = "syslog.forwarded-through";
    private const int BatchSize = 500;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        var backoff = poll;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var sent = await ForwardBatchAsync(stoppingToken);
                if (failing)
                {
                    LogResumed(logger);
                    failing = false;
                }

                backoff = poll;
                wait = sent == BatchSize ? TimeSpan.Zero : poll;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    // Once per outage, naming the error's kind only: the receiver's message could echo anything.
                    LogUnreachable(logger, exception.GetType().Name);
                    failing = true;
                }

                wait = backoff;
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }

            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends the lines after the cursor (at most one batch) and moves the cursor once the receiver has them. Returns how many were sent.</summary>
    internal async Task<int> ForwardBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var job = await db.BeginExclusiveJobAsync(ExclusiveJob.SyslogForwarder, cancellationToken);
        if (job is null)
        {
            return 0; // another instance forwards
        }

        var cursor = await db.State.SingleOrDefaultAsync(s => s.Name == CursorName, cancellationToken);
        var after = cursor is null ? 0 : long.Parse(cursor.Value, CultureInfo.InvariantCulture);
        var lines = await db.AuditLog.AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (lines.Count > 0)
        {
            await SendAsync(lines, cancellationToken);
            var through = lines[^1].Id.ToString(CultureInfo.InvariantCulture);
            if (cursor is null)
            {
                db.State.Add(new ServiceState { Name = CursorName, Value = through });
            }
            else
            {
                cursor.Value = through;
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }

        await job.CompleteAsync(CancellationToken.None);
        return lines.Count;
    }

    private async Task SendAsync(List<AuditEntry> lines, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var hostName = string.IsNullOrWhiteSpace(settings.HostName) ? Environment.MachineName : settings.HostName;
        using var client = new TcpClient();
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connecting.CancelAfter(ConfirmTimeout);
            await client.ConnectAsync(settings.Host!, settings.Port, connecting.Token);
        }

        var network = client.GetStream();
        Stream stream = network;
        SslStream? tls = null;
        if (settings.Tls)
        {
            tls = new SslStream(stream, leaveInnerStreamOpen: true);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = settings.Host }, cancellationToken);
            stream = tls;
        }

        try
        {
            foreach (var line in lines)
            {
                await stream.WriteAsync(SyslogMessage.Frame(line, hostName), cancellationToken);
            }

            await stream.FlushAsync(cancellationToken);
            if (tls is not null)
            {
                await tls.ShutdownAsync();
            }

            // Our side closed: the receiver closes its own once it has read every byte.
            client.Client.Shutdown(SocketShutdown.Send);
            using var confirming = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            confirming.CancelAfter(ConfirmTimeout);
            var buffer = new byte[256];
            while (await network.ReadAsync(buffer, confirming.Token) > 0)
            {
                // A receiver may answer; what it says is not read.
            }
        }
        finally
        {
            if (tls is not null)
            {
                await tls.DisposeAsync();
            }
        }
    }

    [LoggerMessage(EventId = 9200, Level = LogLevel.Warning, Message = "The log system cannot be reached ({ExceptionType}); audit lines wait and are sent when it answers")]
    private static partial void LogUnreachable(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 9201, Level = LogLevel.Information, Message = "The log system answers again; the waiting audit lines are sent")]
    private static partial void LogResumed(ILogger logger);
}
