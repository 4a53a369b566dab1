using System.CommandLine;
using System.Text.Json;
using Mediator;
using Reporting.Features.Audit;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Serialization;

namespace Reporting.CommandLine;

/// <summary>
/// <c>summary --quarter 2026-Q3 | --year 2026 [--variant] --out FILE.pdf | --format json</c>: the
/// quarterly or the yearly summary.
/// </summary>
internal sealed class SummaryVerb : IAdminVerb
{
    public string Name => "summary";

    public Command Build(AdminContext context)
    {
        var quarter = new Option<string>("--quarter") { Description = "The quarter, like 2026-Q3." };
        var year = new Option<string>("--year") { Description = "The year, like 2026 (the yearly summary)." };
        var format = new Option<string>("--format") { Description = "json (the counts on stdout) or pdf (with --out)." };
        format.Validators.Add(AdminContext.OneOf("--format", "json", "pdf"));
        var variant = new Option<string>("--variant") { Description = "internal (the default) or shareable.", DefaultValueFactory = _ => "internal" };
        variant.Validators.Add(AdminContext.OneOf("--variant", "internal", "shareable"));
        var destination = new Option<string>("--out") { Description = "The PDF file to write." };
        var administration = AdminContext.AdministrationOption();
        var command = new Command(Name, "The quarterly or yearly summary: its counts as JSON, or the PDF.") { quarter, year, format, variant, destination, administration };
        command.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            var path = parsed.GetValue(destination);
            var chosen = parsed.GetValue(format) ?? (path is null ? "json" : "pdf");
            await using var scope = context.DataScope(parsed.GetValue(administration));
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            switch (parsed.GetValue(quarter), parsed.GetValue(year))
            {
                case (null, { } yearText):
                    return await YearAsync(context, mediator, yearText, chosen, path, SummaryVariants.Parse(parsed.GetValue(variant)), cancellationToken);
                case (null, null) or (not null, not null):
                    throw new UsageException("give either --quarter 2026-Q3 or --year 2026.");
            }

            if (!Quarter.TryParse(parsed.GetValue(quarter), out var period))
            {
                throw new UsageException("--quarter must look like 2026-Q3.");
            }

            if (chosen == "json")
            {
                var summary = await mediator.Send(new BuildQuarterSummaryQuery(AuditActors.CommandLine, period), cancellationToken);
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(summary, ReportingJsonContext.Default.QuarterSummary));
                return 0;
            }

            if (path is null)
            {
                throw new UsageException("--out FILE.pdf is needed for the PDF.");
            }

            var pdfVariant = SummaryVariants.Parse(parsed.GetValue(variant));
            var pdf = await mediator.Send(new ExportQuarterSummaryQuery(AuditActors.CommandLine, period, pdfVariant), cancellationToken);
            await WriteFileAsync(path, pdf.Content, cancellationToken);
            await context.Output.WriteLineAsync($"Wrote the {(pdfVariant == SummaryVariant.Internal ? "internal" : "shareable")} summary of {period} ({pdf.Reports} reports) to {Path.GetFullPath(path)}.");
            return 0;
        }));
        return command;
    }

    private static async Task<int> YearAsync(
        AdminContext context, IMediator mediator, string yearText, string format, string? path, SummaryVariant variant, CancellationToken cancellationToken)
    {
        if (!SummaryYears.TryParse(yearText, out var year))
        {
            throw new UsageException("--year must look like 2026.");
        }

        try
        {
            if (format == "json")
            {
                var summary = await mediator.Send(new BuildYearSummaryQuery(AuditActors.CommandLine, year), cancellationToken);
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(summary, ReportingJsonContext.Default.YearSummary));
                return 0;
            }

            if (path is null)
            {
                throw new UsageException("--out FILE.pdf is needed for the PDF.");
            }

            var pdf = await mediator.Send(new ExportYearSummaryQuery(AuditActors.CommandLine, year, variant), cancellationToken);
            await WriteFileAsync(path, pdf.Content, cancellationToken);
            await context.Output.WriteLineAsync($"Wrote the {(variant == SummaryVariant.Internal ? "internal" : "shareable")} summary of {year} ({pdf.Reports} reports) to {Path.GetFullPath(path)}.");
            return 0;
        }
        catch (Pipeline.RequestValidationException exception)
        {
            throw AdminContext.Refusal(exception);
        }
    }

    internal static async Task WriteFileAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllBytesAsync(path, content, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write {path}: {exception.Message}");
        }
    }
}
