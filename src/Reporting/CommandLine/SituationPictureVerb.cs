using System.CommandLine;
using Mediator;
using Reporting.Features.Audit;
using Reporting.Features.SituationPictures;
using Reporting.Features.Summaries;

namespace Reporting.CommandLine;

/// <summary><c>situation-picture --year 2026 [--variant internal|shareable] --out FILE.docx|FILE.pdf</c>: the yearly lägesbild document.</summary>
internal sealed class SituationPictureVerb : IAdminVerb
{
    public string Name => "situation-picture";

    public Command Build(AdminContext context)
    {
        var year = new Option<string>("--year") { Description = "The year, like 2026.", Required = true };
        var variant = new Option<string>("--variant") { Description = "internal (the default) or shareable.", DefaultValueFactory = _ => "internal" };
        variant.Validators.Add(AdminContext.OneOf("--variant", "internal", "shareable"));
        var destination = new Option<string>("--out") { Description = "The file to write: .docx (Word, to edit) or .pdf.", Required = true };
        var administration = AdminContext.AdministrationOption();
        var command = new Command(Name, "The year's situation picture (lokal lägesbild) as a Word document or a PDF.") { year, variant, destination, administration };
        command.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            var yearText = parsed.GetRequiredValue(year);
            if (!SummaryYears.TryParse(yearText, out var parsedYear))
            {
                throw new UsageException("--year must look like 2026.");
            }

            var path = parsed.GetRequiredValue(destination);
            var format = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".docx" => SituationPictureFormat.Docx,
                ".pdf" => SituationPictureFormat.Pdf,
                _ => throw new UsageException("--out must name a .docx or a .pdf file."),
            };
            var chosen = SummaryVariants.Parse(parsed.GetValue(variant));
            await using var scope = context.DataScope(parsed.GetValue(administration));
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            ExportedDocument document;
            try
            {
                document = await mediator.Send(
                    new ExportSituationPictureQuery(AuditActors.CommandLine, parsedYear, chosen, format), cancellationToken);
            }
            catch (Pipeline.RequestValidationException exception)
            {
                throw AdminContext.Refusal(exception);
            }

            await SummaryVerb.WriteFileAsync(path, document.Content, cancellationToken);
            await context.Output.WriteLineAsync($"Wrote the {(chosen == SummaryVariant.Internal ? "internal" : "shareable")} situation picture of {yearText} to {Path.GetFullPath(path)}.");
            return 0;
        }));
        return command;
    }
}
