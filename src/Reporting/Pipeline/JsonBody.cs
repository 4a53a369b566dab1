using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Net.Http.Headers;

namespace Reporting.Pipeline;

/// <summary>
/// Reads a JSON request body strictly and within a size limit: non-JSON is 415, too large is 413,
/// and malformed JSON, unknown properties and wrong types are 400 naming the field. Error messages
/// are written here and never copied from the parser, which may quote the input.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class => ReadAsync(request, typeInfo, MaxBytes, cancellationToken);

    /// <summary>As above with a larger limit, for the few bodies that carry many long texts (the situation picture).</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (!IsJson(request.ContentType))
        {
            throw new BadHttpRequestException("Unsupported media type.", StatusCodes.Status415UnsupportedMediaType);
        }

        if (request.ContentLength > maxBytes)
        {
            throw new BadHttpRequestException("Body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    throw new BadHttpRequestException("Body too large.", StatusCodes.Status413PayloadTooLarge);
                }
            }

            return Deserialize(buffer.AsSpan(0, length), typeInfo);
        }
        finally
        {
            // Report content must not linger in pooled memory; clearing what was read (not the whole
            // 128 KB array) keeps that promise at a fraction of the cost.
            buffer.AsSpan(0, Math.Min(length, buffer.Length)).Clear();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (utf8.IsEmpty)
        {
            throw RequestValidationException.For("body", "The request body is empty; send a JSON object.");
        }

        try
        {
            return JsonSerializer.Deserialize(utf8, typeInfo)
                ?? throw RequestValidationException.For("body", "The request body must be a JSON object, not null.");
        }
        catch (JsonException exception) when (IsUnknownProperty(exception))
        {
            // An unknown property's name is whatever the client wrote, so it is not echoed: the
            // error names the object it was in and where in the body it stands.
            throw RequestValidationException.For(FieldOf(ParentOf(exception.Path)),
                $"Unknown field at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}.");
        }
        catch (JsonException exception)
        {
            throw RequestValidationException.For(FieldOf(exception.Path), MessageFor(exception));
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 inside a string surfaces as a transcoding failure.
            throw RequestValidationException.For("body", "The request body is not valid UTF-8 JSON.");
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (!mediaType.Charset.HasValue || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>"$.observations[2]" → "observations[2]"; the root → "body".</summary>
    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static bool IsUnknownProperty(JsonException exception) => exception.Message.Contains("could not be mapped", StringComparison.Ordinal);

    /// <summary>"$.a.b" → "$.a"; "$.b" → "$".</summary>
    private static string? ParentOf(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return path;
        }

        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "$" : path[..cut];
    }

    private static string MessageFor(JsonException exception)
    {
        var message = exception.Message;
        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "The field is given more than once.";
        }

        if (message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
        {
            return "The JSON is nested too deeply.";
        }

        // The reader's own errors (syntax, invalid UTF-8) come wrapped; type mismatches do not.
        return exception.InnerException is null or InvalidOperationException && exception.Path is not null && exception.Path != "$"
            ? "The value has the wrong type or format for this field."
            : "The request body is not valid JSON.";
    }
}
