using Reporting.Features.Coordinators;
using Reporting.Pipeline;

namespace Reporting.Features.Photos;

public static class PhotosRegistration
{
    /// <summary>Photos on reports: the cleaner and the <c>Attachments</c> settings.</summary>
    public static IServiceCollection AddPhotos(this IServiceCollection services)
    {
        services.AddOptions<AttachmentsOptions>().BindConfiguration(AttachmentsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PhotoCleaner>();
        // An uploaded photo stays in memory while it is read: buffered to a temporary file it would be
        // the original, metadata and all, on disk (however briefly), which the service promises never to keep.
        services.AddOptions<Microsoft.AspNetCore.Http.Features.FormOptions>().Configure<Microsoft.Extensions.Options.IOptions<AttachmentsOptions>>((form, attachments) =>
        {
            form.MemoryBufferThreshold = attachments.Value.MaxBytes + 1;
            form.MultipartBodyLengthLimit = attachments.Value.MaxRequestBytes;
        });
        return services;
    }

    public static void MapPhotos(this RouteGroupBuilder reports)
    {
        var coordinator = reports.MapGroup("/{id:guid}/photos").RequireAuthorization(CoordinatorsRegistration.Policy);
        coordinator.MapGet("/{photoId:guid}", PhotoEndpoints.GetPhoto)
            .WithName("GetPhoto")
            .WithSummary("A report's photo as stored (the cleaned JPEG), not cached. The view is written to the audit log.")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg");
        coordinator.MapPost("/{photoId:guid}/redacted", PhotoEndpoints.Redact)
            .RequireAntiforgeryToken()
            .WithName("RedactPhoto")
            .WithSummary("A redacted copy of a photo for forwarding: the boxes (in the photo's pixels) filled black; the original is kept. Needs the anti-forgery header.")
            .ProducesValidationProblem();
    }
}
