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

            photos.Add(memory.ToArray());
        }

        return photos;
    }
}
