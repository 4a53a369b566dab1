using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;

namespace Reporting.Features.Identifiers;

/// <summary>The form's as-you-type check: the text in, the findings out (offsets only, never the text).</summary>
public sealed record CheckIdentifiersQuery(string? Text) : IQuery<IdentifierCheckResult>, IStrictJsonBody<CheckIdentifiersQuery>
{
    public static JsonTypeInfo<CheckIdentifiersQuery> JsonTypeInfo => ReportingJsonContext.Default.CheckIdentifiersQuery;
}

public sealed record IdentifierCheckResult(IReadOnlyList<IdentifierFinding> Findings);

public sealed class CheckIdentifiersValidator : AbstractValidator<CheckIdentifiersQuery>
{
    public CheckIdentifiersValidator()
    {
        RuleFor(q => q.Text).NotNull().WithMessage("Skicka texten som ska kontrolleras.")
            .MaximumLength(ReportCodes.DescriptionMaxLength).WithMessage($"Texten får vara högst {ReportCodes.DescriptionMaxLength} tecken.");
    }
}

public sealed class CheckIdentifiersHandler(IdentifierScanner scanner, Infrastructure.Telemetry.ReportingMetrics metrics) : IQueryHandler<CheckIdentifiersQuery, IdentifierCheckResult>
{
    public ValueTask<IdentifierCheckResult> Handle(CheckIdentifiersQuery query, CancellationToken cancellationToken)
    {
        var findings = scanner.Scan(query.Text!);
        metrics.IdentifierChecks.Add();
        metrics.BlockingFindings.Add(findings.Count(f => f.Blocking));
        return ValueTask.FromResult(new IdentifierCheckResult(findings));
    }
}

public static class CheckIdentifiersEndpoint
{
    /// <summary>POST /api/identifier-check: anyone may ask; nothing is stored or logged.</summary>
    public static async Task<JsonHttpResult<IdentifierCheckResult>> CheckIdentifiers(CheckIdentifiersQuery query, IMediator mediator, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(query, cancellationToken);
        return TypedResults.Json(result, ReportingJsonContext.Default.IdentifierCheckResult);
    }
}
