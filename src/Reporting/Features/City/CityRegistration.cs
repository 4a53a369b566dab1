using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Reporting.Features.Coordinators;
using Reporting.Pipeline;

namespace Reporting.Features.City;

/// <summary>The city coordinators' view: every administration's figures, never a report (their role gets 403 on every report route).</summary>
public static class CityRegistration
{
    public static RouteGroupBuilder MapCity(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/city").WithTags("City").RequireAuthorization(CoordinatorsRegistration.CityPolicy);
        group.MapGet("/summaries/{year}", CityEndpoints.SummaryAsync)
            .WithName("GetCitySummary")
            .WithSummary("The year's reports per administration, environment and quarter; counts from 1 to SuppressBelow − 1 as \"<3\" with complementary suppression. Audited.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesValidationProblem();
        group.MapGet("/summaries/{year}.pdf", CityEndpoints.SummaryPdfAsync)
            .WithName("ExportCitySummary")
            .WithSummary("The same as a PDF. Audited.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesValidationProblem();
        group.MapGet("/situation-pictures/{year}.docx", (string year, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
                CityEndpoints.SituationPicturesAsync(year, SituationPictures.SituationPictureFormat.Docx, context, mediator, cancellationToken))
            .WithName("ExportCitySituationPicturesDocx")
            .WithSummary("The year's lägesbilder of every administration (counts suppressed, each assessment as written) as a Word document. Audited.")
            .Produces(StatusCodes.Status200OK, contentType: SituationPictures.ExportSituationPictureHandler.DocxContentType)
            .ProducesValidationProblem();
        group.MapGet("/situation-pictures/{year}.pdf", (string year, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
                CityEndpoints.SituationPicturesAsync(year, SituationPictures.SituationPictureFormat.Pdf, context, mediator, cancellationToken))
            .WithName("ExportCitySituationPicturesPdf")
            .WithSummary("The same as a PDF. Audited.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesValidationProblem();
        return group;
    }
}

public static class CityEndpoints
{
    public static async Task<ContentHttpResult> SummaryAsync(string year, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var summary = await mediator.Send(new BuildCitySummaryQuery(context.User.Name(), Year(year)), cancellationToken);
        return TypedResults.Text(summary.ToJson().ToJsonString(), "application/json");
    }

    public static async Task<FileContentHttpResult> SummaryPdfAsync(
        string year, HttpContext context, IMediator mediator, Organisation.OrganisationProfile organisation, CancellationToken cancellationToken)
    {
        var summary = await mediator.Send(new BuildCitySummaryQuery(context.User.Name(), Year(year)), cancellationToken);
        // The deployment's Organisation:Name names the city's office when several administrations are configured.
        return TypedResults.File(CitySummaryDocument.Pdf(summary, organisation.Name, organisation.Today()), "application/pdf", $"stadens-sammanstallning-{summary.Year}.pdf");
    }

    public static async Task<FileContentHttpResult> SituationPicturesAsync(
        string year, SituationPictures.SituationPictureFormat format, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var document = await mediator.Send(new ExportCitySituationPicturesQuery(context.User.Name(), Year(year), format), cancellationToken);
        return TypedResults.File(document.Content, document.ContentType, document.FileName);
    }

    public static int Year(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2999
            ? year
            : throw RequestValidationException.For("year", "Ange året som fyra siffror, till exempel 2026.");
}
