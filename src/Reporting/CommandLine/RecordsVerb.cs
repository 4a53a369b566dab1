using System.CommandLine;
using Reporting.Features.Records;

namespace Reporting.CommandLine;

/// <summary><c>records art30 --out FILE.md</c>: the record of processing and security summary from the configuration.</summary>
internal sealed class RecordsVerb : IAdminVerb
{
    public string Name => "records";

    public Command Build(AdminContext context)
    {
        var command = new Command(Name, "Records the förvaltning keeps about the service.");
        var destination = new Option<string>("--out") { Description = "The Markdown file to write (never overwritten).", Required = true };
        var article30 = new Command("art30", "Write the GDPR article 30 record of processing and a security summary from the running configuration, for the dataskyddsombud to complete.") { destination };
        article30.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            var path = parsed.GetRequiredValue(destination);
            if (File.Exists(path))
            {
                throw new UsageException($"{path} exists; choose a new file.");
            }

            var record = ActivatorUtilities.CreateInstance<RecordOfProcessing>(context.Services);
            await File.WriteAllTextAsync(path, record.Markdown(), cancellationToken);
            await context.Output.WriteLineAsync($"Wrote the record of processing to {Path.GetFullPath(path)}; the parts marked \"(fylls i av förvaltningen)\" are for the förvaltning to complete.");
            return 0;
        }));
        command.Subcommands.Add(article30);
        return command;
    }
}
