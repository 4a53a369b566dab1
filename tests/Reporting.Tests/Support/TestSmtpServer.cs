using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Reporting.Tests.Support;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package, in-process). It records every message
/// it is handed (accepted or not) and answers as the test says: accept, refuse, or hang.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly Store _store;
    private CancellationTokenSource? _running;
    private Task? _serving;

    public TestSmtpServer(int? port = null)
    {
        Port = port ?? FreePort();
        _store = new Store(this);
    }

    public int Port { get; }

    /// <summary>Decides the answer to each message; the default accepts.</summary>
    public Func<MimeMessage, SmtpResponse> Respond { get; set; } = _ => SmtpResponse.Ok;

    /// <summary>Messages the server accepted, in order.</summary>
    public ConcurrentQueue<MimeMessage> Accepted { get; } = new();

    /// <summary>Every message handed over, accepted or refused.</summary>
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>When set, the server records the message and then never answers (the client hangs).</summary>
    public bool Hang { get; set; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _running = new CancellationTokenSource();
        _serving = new SmtpServer.SmtpServer(options, services).StartAsync(_running.Token);
    }

    public async Task StopAsync()
    {
        if (_running is null)
        {
            return;
        }

        await _running.CancelAsync();
        try
        {
            await _serving!;
        }
        catch (OperationCanceledException)
        {
        }

        _running.Dispose();
        _running = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            server.Received.Enqueue(message);
            if (server.Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            var response = server.Respond(message);
            if (response.ReplyCode == SmtpReplyCode.Ok)
            {
                server.Accepted.Enqueue(message);
            }

            return response;
        }
    }
}
