using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Reporting.Features.Coordinators;
using Reporting.Features.Organisation;
using Reporting.Features.Summaries;

namespace Reporting.Features.Records;

/// <summary>The coordinator's public-records routes: the register extract and the redacted copy of a report.</summary>
public static class RecordsEndpoints
{
    /// <summary>GET /api/register?year=2026: one line per report received that year.</summary>
    public static async Task<Ok<IReadOnlyList<RegisterLine>>> Register(string? year, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok((await RegisterAsync(year, "json", context, mediator, cancellationToken)).Lines);

    /// <summary>GET /api/register.csv?year=2026: UTF-8 with BOM, ";" separated.</summary>
    public static async Task<FileContentHttpResult> RegisterCsv(string? year, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var extract = await RegisterAsync(year, "csv", context, mediator, cancellationToken);
        return TypedResults.File(RegisterDocuments.Csv(extract), "text/csv; charset=utf-8", $"registerutdrag-{extract.Year}.csv");
    }

    /// <summary>GET /api/register.pdf?year=2026: the extract to print.</summary>
    public static async Task<FileContentHttpResult> RegisterPdf(
        string? year, HttpContext context, IMediator mediator, OrganisationProfile organisation, TimeProvider time, CancellationToken cancellationToken)
    {
        var extract = await RegisterAsync(year, "pdf", context, mediator, cancellationToken);
        return TypedResults.File(RegisterDocuments.Pdf(extract, organisation, time.GetUtcNow()), "application/pdf", $"registerutdrag-{extract.Year}.pdf");
    }

    /// <summary>POST /api/reports/{id}/redacted: <c>{"spans": [{"start", "end", "reason"}]}</c> → 201 with the PDF.</summary>
    public static async Task<Results<CreatedFile, NotFound>> RedactedCopy(
        Guid id, RedactedCopyRequest request, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        return await mediator.Send(new MakeRedactedCopyCommand(context.User.Name(), id, request.Spans, request.Messages), cancellationToken) is { } copy
            ? new CreatedFile(copy.Pdf, "application/pdf", copy.FileName)
            : TypedResults.NotFound();
    }

    /// <summary>POST /api/disclosures: a request for a report and its decision → 201 with its id; 422 when a text may identify someone.</summary>
    public static async Task<Results<Created<RecordedDisclosure>, ProblemHttpResult>> RecordDisclosure(
        RecordDisclosureRequest request, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var outcome = await mediator.Send(
            new RecordDisclosureCommand(context.User.Name(), request.Reference, request.RequestedOn, request.Requester, request.Decision, request.Ground, request.Recipient, request.ConfirmNoIdentifiers),
            cancellationToken);
        return outcome.Id is { } id
            ? TypedResults.Created($"/api/disclosures?year={request.RequestedOn?[..4]}", new RecordedDisclosure(id))
            : Identifiers.IdentifiersProblem.For(outcome.Findings, outcome.Field!);
    }

    /// <summary>GET /api/disclosures?year=2026: the year's requests and decisions, opened.</summary>
    public static async Task<Ok<IReadOnlyList<DisclosureView>>> Disclosures(string? year, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListDisclosuresQuery(context.User.Name(), SummaryYears.Parse(year)), cancellationToken));

    /// <summary>GET /api/disclosures.pdf?year=2026: the year's register of requests for the nämnd, with the appeal instructions of each refusal.</summary>
    public static async Task<FileContentHttpResult> DisclosuresPdf(
        string? year, HttpContext context, IMediator mediator, OrganisationProfile organisation, Microsoft.Extensions.Options.IOptions<RecordsOptions> options,
        CancellationToken cancellationToken)
    {
        var chosen = SummaryYears.Parse(year);
        var disclosures = await mediator.Send(new ListDisclosuresQuery(context.User.Name(), chosen), cancellationToken);
        return TypedResults.File(DisclosuresDocument.Render(chosen, disclosures, organisation, options.Value.AppealCourt), "application/pdf", $"utlamnanden-{chosen}.pdf");
    }

    private static async Task<RegisterExtract> RegisterAsync(string? year, string format, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        await mediator.Send(new GetRegisterQuery(context.User.Name(), SummaryYears.Parse(year), format), cancellationToken);
}

/// <summary>A document made by the request, answered as <c>201 Created</c> with the file itself.</summary>
public sealed class CreatedFile(byte[] content, string contentType, string fileName) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => StatusCodes.Status201Created;

    public string ContentType => contentType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status201Created;
        httpContext.Response.ContentType = contentType;
        httpContext.Response.ContentLength = content.Length;
        httpContext.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = fileName }.ToString();
        httpContext.Response.Headers.CacheControl = "no-store";
        await httpContext.Response.Body.WriteAsync(content, httpContext.RequestAborted);
    }
}
