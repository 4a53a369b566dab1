using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Reporting.Features.Coordinators;

namespace Reporting.Features.Photos;

/// <summary>The coordinator's routes to a report's photos: see one, make a redacted copy.</summary>
public static class PhotoEndpoints
{
    /// <summary>GET /api/reports/{id}/photos/{photoId}: the image, never cached, never framed elsewhere.</summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> GetPhoto(Guid id, Guid photoId, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new GetPhotoQuery(context.User.Name(), id, photoId), cancellationToken) is not { } jpeg)
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
        return TypedResults.File(jpeg, "image/jpeg");
    }

    /// <summary>POST /api/reports/{id}/photos/{photoId}/redacted: <c>{"boxes": [{"x", "y", "width", "height"}]}</c> → 201 with the copy's id.</summary>
    public static async Task<Results<Created<RedactedPhoto>, NotFound>> Redact(
        Guid id, Guid photoId, RedactPhotoRequest request, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        return await mediator.Send(new RedactPhotoCommand(context.User.Name(), id, photoId, request.Boxes), cancellationToken) is { } copy
            ? TypedResults.Created($"/api/reports/{id}/photos/{copy}", new RedactedPhoto(copy))
            : TypedResults.NotFound();
    }
}

public sealed record RedactedPhoto(Guid Id);
