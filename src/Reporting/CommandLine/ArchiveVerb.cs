using System.CommandLine;
using Mediator;
using Reporting.Features.Audit;
using Reporting.Features.Records;
using Reporting.Features.Summaries;

namespace Reporting.CommandLine;

/// <summary><c>archive --year 2026 --out FILE.zip</c>: the year's documents kept for ever, as a package for the e-archive.</summary>
internal sealed class ArchiveVerb : IAdminVerb
{
    public string Name => "archive";

    public Command Build(AdminContext context)
    {
        var year = new Option<string>("--year") { Description = "The year, like 2026.", Required = true };
        var destination = new Option<string>("--out") { Description = "The ZIP file to write (never overwritten).", Required = true };
        var administration = AdminContext.AdministrationOption();
        var command = new Command(Name, "Write the year's yearly summary, lägesbild and register extract as an E-ARK submission package (METS, PREMIS, SHA-256).") { year, destination, administration };
        command.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            if (!SummaryYears.TryParse(parsed.GetValue(year), out var chosen))
            {
                throw new UsageException("--year must look like 2026.");
            }

            var path = parsed.GetRequiredValue(destination);
            if (File.Exists(path))
            {
                throw new UsageException($"{path} exists; choose a new file.");
            }

            await using var scope = context.DataScope(parsed.GetValue(administration));
            ArchivePackage package;
            try
            {
                package = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PackageArchiveCommand(AuditActors.CommandLine, chosen), cancellationToken);
            }
            catch (Pipeline.RequestValidationException exception)
            {
                throw AdminContext.Refusal(exception);
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // like a backup: the owner's only until it is handed over
            }

            await using (var file = new FileStream(path, options))
            {
                await file.WriteAsync(package.Zip, cancellationToken);
            }

            await context.Output.WriteLineAsync($"Wrote the archive package {package.Id} ({string.Join(", ", package.Files)}) to {Path.GetFullPath(path)}.");
            return 0;
        }));
        return command;
    }
}
