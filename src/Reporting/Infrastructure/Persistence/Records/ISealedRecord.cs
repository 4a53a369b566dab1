namespace Reporting.Infrastructure.Persistence.Records;

/// <summary>
/// A row whose content is sealed with its own data key, stored beside it wrapped by a
/// key-encryption key. Key rotation re-wraps every such row; a key version can be retired only
/// when no row names it any more.
/// </summary>
public interface ISealedRecord
{
    /// <summary>What the wrapped data key is bound to, besides the row's id (a key cannot be moved to another kind of row).</summary>
    static abstract string KeyPurpose { get; }

    Guid Id { get; }

    /// <summary>Id of the key-encryption key that wrapped <see cref="WrappedKey"/>.</summary>
    string KeyId { get; }

    byte[] WrappedKey { get; }

    /// <summary>The row's data key wrapped anew (sealing, or key rotation); the content stays as it is.</summary>
    void Rewrap(Encryption.WrappedDataKey key);

    /// <summary>The administration whose own key wraps the row's data key (ADR 19); null: the master key.</summary>
    string? KeyOwner => null;
}
