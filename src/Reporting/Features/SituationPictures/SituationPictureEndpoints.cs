using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Reporting.Features.Coordinators;
using Reporting.Features.Identifiers;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;

namespace Reporting.Features.SituationPictures;

/// <summary>The situation picture's API: read, save (with the version read), and the document in Word or PDF.</summary>
public static class SituationPictureEndpoints
{
    /// <summary>The largest body a save takes: the server's own request limit.</summary>
    public const int MaxBodyBytes = 256 * 1024;


    internal static async Task<Ok<SituationPictureView>> GetAsync(string year, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetSituationPictureQuery(context.User.Name(), SummaryYears.Parse(year)), cancellationToken));

    internal static async Task<Results<Ok<SavedSituationPicture>, ProblemHttpResult>> SaveAsync(
        string year, SaveSituationPictureRequest request, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var parsedYear = SummaryYears.Parse(year);
        var outcome = await mediator.Send(new SaveSituationPictureCommand(context.User.Name(), parsedYear, request), cancellationToken);
        return outcome.Result switch
        {
            SaveSituationPictureResult.Saved => TypedResults.Ok(new SavedSituationPicture(parsedYear, outcome.Version)),
            SaveSituationPictureResult.StaleVersion => TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Someone else saved the situation picture in between.",
                Detail = $"The stored version is {outcome.Version}; read it again (GET) and apply your changes to it.",
                Extensions = { ["field"] = "version", ["version"] = outcome.Version },
            }),
            _ => Refused(outcome),
        };
    }

    internal static async Task<Ok<ImportedSource>> ImportAsync(
        string year, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or InvalidOperationException)
        {
            throw RequestValidationException.For("file", "Skicka filen som multipart/form-data i fältet file.");
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            throw RequestValidationException.For("file", "Välj en CSV- eller Excel-fil (xlsx).");
        }

        if (file.Length > SourceFile.MaxBytes)
        {
            throw RequestValidationException.For("file", $"Filen är större än {SourceFile.MaxBytes / 1024 / 1024} MB.");
        }

        using var memory = new MemoryStream();
        await file.CopyToAsync(memory, cancellationToken);
        var query = new ImportSourceFiguresQuery(
            context.User.Name(), SummaryYears.Parse(year), memory.ToArray(), Text(form, "kind"), Text(form, "name"), Mapping(Text(form, "mapping")));
        return TypedResults.Ok(await mediator.Send(query, cancellationToken));
    }

    private static string? Text(IFormCollection form, string field) =>
        form.TryGetValue(field, out var values) && values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

    private static SourceMapping? Mapping(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(json, ReportingJsonContext.Default.SourceMapping)
                ?? throw RequestValidationException.For("mapping", "Ange mapping som {\"label\": kolumn, \"value\": kolumn}.");
        }
        catch (System.Text.Json.JsonException)
        {
            throw RequestValidationException.For("mapping", "Ange mapping som {\"label\": kolumn, \"value\": kolumn}.");
        }
    }

    private static ProblemHttpResult Refused(SaveSituationPictureOutcome outcome)
    {
        var problem = IdentifiersProblem.For(outcome.Findings![outcome.Field!], outcome.Field!);
        problem.ProblemDetails.Extensions["fields"] = outcome.Findings;
        return problem;
    }

    internal static async Task<FileContentHttpResult> ExportAsync(
        string year, string? variant, SituationPictureFormat format, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var document = await mediator.Send(
            new ExportSituationPictureQuery(context.User.Name(), SummaryYears.Parse(year), SummaryVariants.Parse(variant), format), cancellationToken);
        return TypedResults.File(document.Content, document.ContentType, document.FileName);
    }
}
