using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Reporting.Tests.Support;

/// <summary>
/// A syslog receiver on 127.0.0.1 over TCP, as a log system runs one: RFC 6587 octet-counted frames,
/// each parsed as RFC 5424 (a frame that does not parse is kept as unparsed). It closes a connection
/// when the sender has closed its side and every frame is read. Stop and start it again on the same
/// port to play an outage.
/// </summary>
public sealed partial class SyslogReceiver : IAsyncDisposable
{
    private TcpListener? _listener;
    private CancellationTokenSource? _stopping;
    private Task _accepting = Task.CompletedTask;

    public SyslogReceiver()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public ConcurrentQueue<SyslogReceived> Messages { get; } = new();

    public ConcurrentQueue<string> Unparsed { get; } = new();

    public void Start()
    {
        _stopping = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _accepting = AcceptAsync(_listener, _stopping.Token);
    }

    public async Task StopAsync()
    {
        _stopping?.Cancel();
        _listener?.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            _ = Task.Run(() => ReceiveAsync(client, cancellationToken), cancellationToken);
        }
    }

    private async Task ReceiveAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new List<byte>();
            var chunk = new byte[4096];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.AddRange(chunk.AsSpan(0, read));
                while (TryTakeFrame(buffer) is { } frame)
                {
                    var text = Encoding.UTF8.GetString(frame);
                    if (Rfc5424().Match(text) is { Success: true } match)
                    {
                        Messages.Enqueue(new SyslogReceived(
                            int.Parse(match.Groups["pri"].Value, System.Globalization.CultureInfo.InvariantCulture),
                            DateTimeOffset.Parse(match.Groups["time"].Value, System.Globalization.CultureInfo.InvariantCulture),
                            match.Groups["host"].Value, match.Groups["app"].Value, match.Groups["msgid"].Value,
                            ParamPattern().Matches(match.Groups["sd"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Replace("\\\"", "\"", StringComparison.Ordinal)),
                            text));
                    }
                    else
                    {
                        Unparsed.Enqueue(text);
                    }
                }
            }
        }
    }

    /// <summary>"LENGTH SP MESSAGE" from the front of the buffer, when all of it has arrived.</summary>
    private static byte[]? TryTakeFrame(List<byte> buffer)
    {
        var space = buffer.IndexOf((byte)' ');
        if (space <= 0)
        {
            return null;
        }

        var length = int.Parse(Encoding.ASCII.GetString([.. buffer.Take(space)]), System.Globalization.CultureInfo.InvariantCulture);
        if (buffer.Count < space + 1 + length)
        {
            return null;
        }

        var frame = buffer.Skip(space + 1).Take(length).ToArray();
        buffer.RemoveRange(0, space + 1 + length);
        return frame;
    }

    [GeneratedRegex(@"^<(?<pri>\d{1,3})>1 (?<time>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})) (?<host>[!-~]{1,255}) (?<app>[!-~]{1,48}) (?<procid>[!-~]{1,128}) (?<msgid>[!-~]{1,32}) (?<sd>-|(\[[^\]]*(\\\][^\]]*)*\])+)( (?<msg>.*))?$", RegexOptions.Singleline)]
    private static partial Regex Rfc5424();

    [GeneratedRegex(@"([!-~]+?)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ParamPattern();
}

public sealed record SyslogReceived(int Priority, DateTimeOffset Time, string Host, string App, string MessageId, IReadOnlyDictionary<string, string> Data, string Text);
