using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Reporting.Infrastructure.Email;

/// <summary>Delivers messages: to an SMTP server, or as .eml files in a pickup folder when no server is configured.</summary>
public interface IMailTransport
{
    /// <summary>Opens a session for a batch of messages (one SMTP connection for all of them).</summary>
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

public interface IMailSession : IAsyncDisposable
{
    /// <summary>Returns once the server (or the file system) has accepted the message; throws otherwise.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

public sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, ToMailKit(settings.Security, authenticates: !string.IsNullOrEmpty(settings.Username)), cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken);
            }

            return new Session(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Auto lets MailKit choose, except that a connection that will carry a password must use STARTTLS at least.</summary>
    internal static SecureSocketOptions ToMailKit(SmtpSecurity security, bool authenticates) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ when authenticates => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.Auto,
    };

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
            await client.SendAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await client.DisconnectAsync(quit: true);
            }
            catch (Exception exception) when (exception is IOException or SmtpProtocolException or OperationCanceledException)
            {
                // The messages were already accepted; a failed QUIT changes nothing.
            }

            client.Dispose();
        }
    }
}

/// <summary>
/// The embedded default: each message becomes <c>{Message-ID}.eml</c> in the pickup folder, written
/// through a temporary file, so a retry overwrites rather than duplicates. The folder is 0700 and each
/// file 0600 (even a content-free alert says when reports came): readable by the service's user only.
/// </summary>
public sealed class PickupDirectoryMailTransport(string directory) : IMailTransport
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Directory { get; } = directory;

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        Storage.OwnerOnlyDirectory.Create(Directory);
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(Directory) & ~Storage.OwnerOnlyDirectory.Mode) != 0)
        {
            File.SetUnixFileMode(Directory, Storage.OwnerOnlyDirectory.Mode); // made wider by an earlier version or by hand
        }

        return Task.FromResult<IMailSession>(new Session(Directory));
    }

    private sealed class Session(string directory) : IMailSession
    {
        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Split(Path.GetInvalidFileNameChars()));
            var path = Path.Combine(directory, $"{name}.eml");
            var temporary = path + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyFile;
            }

            // Written in one blocking call: an alert is a few kilobytes, and asynchronous file writes
            // on Linux are thread-pool hand-offs that cost more than the write (seen in the intake profile).
            using (var buffer = new MemoryStream())
            {
                message.WriteTo(buffer, cancellationToken);
                using var file = new FileStream(temporary, options);
                file.Write(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            }

            File.Move(temporary, path, overwrite: true);
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
