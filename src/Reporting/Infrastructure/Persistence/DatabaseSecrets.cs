namespace Reporting.Infrastructure.Persistence;

/// <summary>Database-wide secrets, unwrapped once at start-up by <see cref="DatabaseInitializer"/>.</summary>
public sealed class DatabaseSecrets
{
    private byte[]? _receiptKey;

    /// <summary>The HMAC key that turns a receipt code into its stored hash.</summary>
    public byte[] ReceiptKey => _receiptKey ?? throw new InvalidOperationException("The database has not been initialised.");

    internal void SetReceiptKey(byte[] key) => _receiptKey = key;
}
