using Mediator;
using Reporting.Features.Coordinators;
using Reporting.Pipeline;

namespace Reporting.Features.SituationPictures;

public static class SituationPictureRegistration
{
    public static IServiceCollection AddSituationPictures(this IServiceCollection services)
    {
        services.AddSingleton<SituationPictureSealer>();
        return services;
    }

    public static RouteGroupBuilder MapSituationPictures(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/situation-pictures").WithTags("Situation picture").RequireAuthorization(CoordinatorsRegistration.Policy);
        group.MapGet("/{year}.docx", (string year, string? variant, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
                SituationPictureEndpoints.ExportAsync(year, variant, SituationPictureFormat.Docx, context, mediator, cancellationToken))
            .WithName("ExportSituationPictureDocx")
            .WithSummary("The year's situation picture as a Word document to edit (variant internal or shareable); audited.");
        group.MapGet("/{year}.pdf", (string year, string? variant, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
                SituationPictureEndpoints.ExportAsync(year, variant, SituationPictureFormat.Pdf, context, mediator, cancellationToken))
            .WithName("ExportSituationPicturePdf")
            .WithSummary("The year's situation picture as a tagged PDF (variant internal or shareable); audited.");
        group.MapGet("/{year}", SituationPictureEndpoints.GetAsync)
            .WithName("GetSituationPicture")
            .WithSummary("The year's sources and assessments with their version; a new year offers last year's sources without values.");
        group.MapPut("/{year}", SituationPictureEndpoints.SaveAsync)
            .RequireAntiforgeryToken()
            .WithName("SaveSituationPicture")
            .WithSummary("Saves the whole picture; 409 when someone else saved since the version given.");
        group.MapPost("/{year}/sources/import", SituationPictureEndpoints.ImportAsync)
            .RequireAntiforgeryToken()
            .WithName("ImportSourceFigures")
            .WithSummary("Reads a source's figures from a CSV or XLSX file (multipart: file, kind, name, mapping {\"label\": column, \"value\": column}) for review; saves nothing. Bad files: 400 naming the row and column.")
            .Produces<ImportedSource>()
            .ProducesValidationProblem();
        return group;
    }
}
