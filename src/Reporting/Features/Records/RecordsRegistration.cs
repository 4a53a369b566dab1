using FluentValidation;
using Reporting.Features.Coordinators;
using Reporting.Pipeline;

namespace Reporting.Features.Records;

public static class RecordsRegistration
{
    /// <summary>The public-records duties: secrecy markings (<c>Records:*</c>), the register, redacted copies.</summary>
    public static IServiceCollection AddRecords(this IServiceCollection services)
    {
        services.AddOptions<RecordsOptions>().BindConfiguration(RecordsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SecrecyMarking>();
        return services;
    }

    public static void MapRecords(this IEndpointRouteBuilder app)
    {
        var register = app.MapGroup("/api").WithTags("Public records").RequireAuthorization(CoordinatorsRegistration.Policy);
        register.MapGet("/register", RecordsEndpoints.Register)
            .WithName("Register")
            .WithSummary("The register extract of a year (?year=2026): reference, receivedOn, title, channel and secrecy marking of each report; no content. Audited.")
            .ProducesValidationProblem();
        register.MapGet("/register.csv", RecordsEndpoints.RegisterCsv)
            .WithName("RegisterCsv")
            .WithSummary("The register extract as CSV (UTF-8 with BOM, ';' separated, opens in Excel).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();
        register.MapGet("/register.pdf", RecordsEndpoints.RegisterPdf)
            .WithName("RegisterPdf")
            .WithSummary("The register extract as a PDF to print.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesValidationProblem();
        register.MapPost("/reports/{id:guid}/redacted", RecordsEndpoints.RedactedCopy)
            .RequireAntiforgeryToken()
            .WithName("RedactedCopy")
            .WithSummary("A copy of the report for disclosure: each span of the description (and of chosen messages) replaced by a black bar and its OSL provision. 201 with the PDF; the report is not changed. Needs the anti-forgery header.")
            .Produces(StatusCodes.Status201Created, contentType: "application/pdf")
            .ProducesValidationProblem();
        register.MapPost("/disclosures", RecordsEndpoints.RecordDisclosure)
            .RequireAntiforgeryToken()
            .WithName("RecordDisclosure")
            .WithSummary("Records a request for a report and its decision (released, partly, refused) with its ground; requester and recipient are identifier-checked and sealed. Needs the anti-forgery header.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        register.MapGet("/disclosures", RecordsEndpoints.Disclosures)
            .WithName("Disclosures")
            .WithSummary("The requests and decisions of a year (?year=2026). Audited.")
            .ProducesValidationProblem();
        register.MapGet("/disclosures.pdf", RecordsEndpoints.DisclosuresPdf)
            .WithName("DisclosuresPdf")
            .WithSummary("The year's requests and decisions as a PDF for the nämnd, each refusal with its appeal instructions.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesValidationProblem();
    }
}
