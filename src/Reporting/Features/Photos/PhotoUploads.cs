using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Reporting.Pipeline;

namespace Reporting.Features.Photos;

/// <summary>
/// Uploads of photos: the request body limit grows only for a multipart post to the places that take
/// photos (the report API and the staff form), and each file is read within its own limit, so a photo
/// over the size is a 400 naming it and a body over everything a 413.
/// </summary>
public static class PhotoUploads
{
    /// <summary>Where a multipart post may carry photos: the API and the staff form.</summary>
    public static bool TakesPhotos(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true
        && (request.Path.Equals("/api/reports", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/", StringComparison.Ordinal));

    /// <summary>Before anything reads the body: a larger limit for the requests that may carry photos.</summary>
    public static IApplicationBuilder UsePhotoUploadLimit(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var attachments = context.RequestServices.GetRequiredService<IOptions<AttachmentsOptions>>().Value;
            if (attachments.Enabled && TakesPhotos(context.Request)
                && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = attachments.MaxRequestBytes;
            }

            return next(context);
        });

    /// <summary>The uploaded files' bytes, each within the limit; a 400 naming <c>photos[i]</c> for an empty or oversized one.</summary>
    public static async Task<IReadOnlyList<byte[]>> ReadAsync(IReadOnlyList<IFormFile> files, AttachmentsOptions attachments, CancellationToken cancellationToken)
    {
        if (files.Count > 0 && !attachments.Enabled)
        {
            throw RequestValidationException.For("photos", "Tjänsten tar inte emot bilder.");
        }

        if (files.Count > attachments.MaxPhotos)
        {
            throw RequestValidationException.For("photos", $"Högst {attachments.MaxPhotos} bilder.");
        }

        var photos = new List<byte[]>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            if (file.Length == 0)
            {
                throw RequestValidationException.For($"photos[{i}]", $"Bild {i + 1} är tom.");
            }

            if (file.Length > attachments.MaxBytes)
            {
                throw RequestValidationException.For($"photos[{i}]", $"Bild {i + 1} är för stor (högst {attachments.MaxBytes / (1024 * 1024)} MB).");
            }

            using var memory = new MemoryStream((int)file.Length);
            await using (var stream = file.OpenReadStream())
            {
                await stream.CopyToAsync(memory, cancellationToken);
            }

            var bytes = memory.ToArray();
            if (Mismatch(file, ImageHeader.Kind(bytes)) is { } declared)
            {
                throw RequestValidationException.For($"photos[{i}]",
                    $"Bild {i + 1} säger sig vara {declared} men är inte det. Spara om bilden som JPEG, PNG eller WebP och välj den igen.");
            }

            photos.Add(bytes);
        }

        return photos;
    }

    /// <summary>
    /// The kind a file claims (its name's ending or its content type) when its content is another
    /// kind: a renamed file is refused rather than guessed at. A name without an image ending
    /// (a phone's "image", a pasted "blob") claims nothing, and its content decides.
    /// </summary>
    private static string? Mismatch(IFormFile file, ImageKind? actual)
    {
        if (actual is null)
        {
            return null; // not an image the service takes at all: the cleaner says which and why
        }

        var claims = new[] { Path.GetExtension(file.FileName).ToLowerInvariant(), file.ContentType?.ToLowerInvariant() };
        foreach (var claim in claims)
        {
            var claimed = claim switch
            {
                ".jpg" or ".jpeg" or ".jpe" or ".jfif" or "image/jpeg" or "image/jpg" or "image/pjpeg" => ImageKind.Jpeg,
                ".png" or "image/png" => ImageKind.Png,
                ".webp" or "image/webp" => ImageKind.WebP,
                ".gif" or ".heic" or ".heif" or ".svg" or ".bmp" or ".tif" or ".tiff" or ".pdf"
                    or "image/gif" or "image/heic" or "image/heif" or "image/svg+xml" or "image/bmp" or "image/tiff" or "application/pdf" => (ImageKind?)null,
                _ => actual,
            };
            if (claimed != actual)
            {
                return claim!.StartsWith('.') ? $"en {claim[1..].ToUpperInvariant()}-fil" : $"av typen {claim}";
            }
        }

        return null;
    }
}
