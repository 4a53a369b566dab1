using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Reporting.Features.Coordinators;
using Reporting.Pipeline;

namespace Reporting.Features.Reports;

/// <summary>The coordinator's JSON API over the same use cases as the inbox pages.</summary>
public static class TriageEndpoints
{
    /// <summary>GET /api/reports: the inbox as JSON; filters as query parameters.</summary>
    public static async Task<Ok<ReportList>> ListReports(
        HttpContext context, IMediator mediator, string? status, string? from, string? to, string? environment, string? kind, string? unit, string? channel, string? page, string? pageSize,
        CancellationToken cancellationToken)
    {
        var query = new ListReportsQuery(
            context.User.Name(), status, Date("from", from), Date("to", to), environment, kind,
            Number("page", page) ?? 1, Number("pageSize", pageSize) ?? 25, unit, channel);
        return TypedResults.Ok(await mediator.Send(query, cancellationToken));
    }

    /// <summary>GET /api/reports/{id}: every field decrypted, notes and history; the read is audited.</summary>
    public static async Task<Results<Ok<ReportDetails>, NotFound>> GetReport(Guid id, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        await mediator.Send(new OpenReportCommand(context.User.Name(), id), cancellationToken) is { } report
            ? TypedResults.Ok(report)
            : TypedResults.NotFound();

    /// <summary>PATCH /api/reports/{id}: status, forwardedTo, a new note. Cookie-authenticated, so it needs the anti-forgery header.</summary>
    public static async Task<Results<Ok<ReportState>, NotFound>> UpdateReport(
        Guid id, UpdateReportRequest request, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        return await mediator.Send(UpdateReportCommand.From(context.User.Name(), id, request), cancellationToken) is { } state
            ? TypedResults.Ok(state)
            : TypedResults.NotFound();
    }

    private static DateOnly? Date(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return IsoDate.TryParse(value, out var day)
            ? day
            : throw RequestValidationException.For(field, "Use a date like 2026-11-27.");
    }

    private static int? Number(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw RequestValidationException.For(field, "Use a whole number.");
    }
}
