using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Reporting.Infrastructure.Encryption;

/// <summary>
/// JSON padded with trailing spaces to a multiple of 512 bytes before it is sealed, so a
/// ciphertext's length does not give away how long the text inside it is (JSON allows trailing
/// white space, so the padding needs no marker).
/// </summary>
public static class PaddedJson
{
    public const int Block = 512;

    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        var padded = new byte[(json.Length / Block + 1) * Block];
        json.CopyTo(padded, 0);
        padded.AsSpan(json.Length).Fill((byte)' ');
        return padded;
    }

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(utf8, typeInfo) ?? throw new InvalidDataException($"A sealed {typeof(T).Name} is empty.");
}
