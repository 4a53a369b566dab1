using System.CommandLine;
using System.Text.Json;
using Mediator;
using Reporting.Features.Audit;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Serialization;

namespace Reporting.CommandLine;

/// <summary>
/// <c>audit export --from DATE --to DATE --format csv|json [--out FILE]</c>: the audit log of a period
/// for the log system; <c>audit review --month 2026-11 --out FILE.pdf</c>: the month's log review.
/// </summary>
internal sealed class AuditVerb : IAdminVerb
{
    public string Name => "audit";

    public Command Build(AdminContext context)
    {
        var command = new Command(Name, "The audit log.");
        var from = new Option<string>("--from") { Description = "The first day, like 2026-11-01.", Required = true };
        var to = new Option<string>("--to") { Description = "The last day, like 2026-11-30 (at most 366 days in all).", Required = true };
        var format = new Option<string>("--format") { Description = "csv (UTF-8 with BOM, ';') or json.", DefaultValueFactory = _ => "csv" };
        format.Validators.Add(AdminContext.OneOf("--format", "csv", "json"));
        var destination = new Option<string?>("--out") { Description = "The file to write (never overwritten); without it, standard output." };
        var administration = AdminContext.AdministrationOption();
        var export = new Command("export", "Write every line of the period, oldest first: codes, accounts, references and counts, never content.") { from, to, format, destination, administration };
        export.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            DateOnly Day(Option<string> option) => IsoDate.TryParse(parsed.GetValue(option), out var day) ? day : throw new UsageException($"{option.Name} must look like 2026-11-27.");
            // Without --administration the IT administrator exports every administration's lines.
            await using var scope = context.DataScope(parsed.GetValue(administration), required: false);
            IReadOnlyList<AuditExportLine> lines;
            try
            {
                lines = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ExportAuditLogQuery(AuditActors.CommandLine, Day(from), Day(to)), cancellationToken);
            }
            catch (Pipeline.RequestValidationException exception)
            {
                throw AdminContext.Refusal(exception);
            }

            var bytes = parsed.GetValue(format) == "json"
                ? JsonSerializer.SerializeToUtf8Bytes(lines, ReportingJsonContext.Default.IReadOnlyListAuditExportLine)
                : ExportAuditLogHandler.Csv(lines);
            if (parsed.GetValue(destination) is { } path)
            {
                if (File.Exists(path))
                {
                    throw new UsageException($"{path} exists; choose a new file.");
                }

                await File.WriteAllBytesAsync(path, bytes, cancellationToken);
                await context.Output.WriteLineAsync($"Wrote {lines.Count} audit lines to {Path.GetFullPath(path)}.");
            }
            else
            {
                await context.Output.WriteAsync(System.Text.Encoding.UTF8.GetString(bytes));
            }

            return 0;
        }));
        command.Subcommands.Add(export);
        command.Subcommands.Add(Review(context));
        return command;
    }

    private static Command Review(AdminContext context)
    {
        var month = new Option<string>("--month") { Description = "The month, like 2026-11.", Required = true };
        var destination = new Option<string>("--out") { Description = "The PDF to write (never overwritten).", Required = true };
        var administration = AdminContext.AdministrationOption();
        var review = new Command("review", "Write the month's log review: per coordinator, the reports opened and when, photo views, exports and sign-ins.") { month, destination, administration };
        review.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            var path = parsed.GetValue(destination)!;
            if (File.Exists(path))
            {
                throw new UsageException($"{path} exists; choose a new file.");
            }

            await using var scope = context.DataScope(parsed.GetValue(administration), required: false);
            LogReviewDocument document;
            try
            {
                document = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new MonthlyLogReviewQuery(AuditActors.CommandLine, parsed.GetValue(month)), cancellationToken);
            }
            catch (Pipeline.RequestValidationException exception)
            {
                throw AdminContext.Refusal(exception);
            }

            await File.WriteAllBytesAsync(path, document.Pdf, cancellationToken);
            await context.Output.WriteLineAsync($"Wrote the log review of {parsed.GetValue(month)} ({document.Lines} audit lines read) to {Path.GetFullPath(path)}.");
            return 0;
        }));
        return review;
    }
}
