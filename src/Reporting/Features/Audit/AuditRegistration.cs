using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Reporting.Features.Coordinators;

namespace Reporting.Features.Audit;

public static class AuditRegistration
{
    /// <summary>The append-only audit log every use case writes to, and reading it.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ReporterActivity>();
        services.AddSingleton<ReporterActivityJob>();
        services.AddHostedService(provider => provider.GetRequiredService<ReporterActivityJob>());
        services.AddOptions<SyslogOptions>().BindConfiguration(SyslogOptions.Section)
            .Validate(o => o.Port is >= 1 and <= 65_535, "Audit:Syslog:Port must be between 1 and 65535.")
            .Validate(o => o.PollSeconds is >= 1 and <= 3_600, "Audit:Syslog:PollSeconds must be between 1 and 3600.")
            .Validate(o => o.Host is null || Uri.CheckHostName(o.Host.Trim()) != UriHostNameType.Unknown || o.Host.Length == 0,
                "Audit:Syslog:Host must be a host name or an IP address, without a scheme or port.")
            .ValidateOnStart();
        services.AddHostedService<SyslogForwarder>();
        return services;
    }

    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", ExportAsync)
            .RequireAuthorization(CoordinatorsRegistration.Policy)
            .WithTags("Audit")
            .WithName("ExportAuditLog")
            .WithSummary("The audit log of a period (?from=2026-11-01&to=2026-11-30, at most 366 days), oldest first: codes, accounts, references, counts; never content. The export is audited.")
            .ProducesValidationProblem();
        app.MapGet("/api/audit/review/{month}.pdf", ReviewAsync)
            .RequireAuthorization(CoordinatorsRegistration.Policy)
            .WithTags("Audit")
            .WithName("MonthlyLogReview")
            .WithSummary("The month's log review (2026-11) as a PDF: per coordinator, the reports opened and when, photo views, exports and sign-ins. Audited.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesValidationProblem();
    }

    /// <summary>GET /api/audit/review/2026-11.pdf.</summary>
    public static async Task<FileContentHttpResult> ReviewAsync(string month, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var review = await mediator.Send(new MonthlyLogReviewQuery(context.User.Name(), month), cancellationToken);
        return TypedResults.File(review.Pdf, "application/pdf", review.FileName);
    }

    /// <summary>GET /api/audit?from=&amp;to=: every line of the period.</summary>
    public static async Task<Ok<IReadOnlyList<AuditExportLine>>> ExportAsync(string? from, string? to, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ExportAuditLogQuery(context.User.Name(), Day("from", from), Day("to", to)), cancellationToken));

    private static DateOnly? Day(string field, string? value) =>
        string.IsNullOrEmpty(value) ? null
        : Reports.IsoDate.TryParse(value, out var day) ? day
        : throw Pipeline.RequestValidationException.For(field, "Ange datumet som ÅÅÅÅ-MM-DD.");
}
