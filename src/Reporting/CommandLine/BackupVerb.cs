using System.CommandLine;
using Reporting.Infrastructure.Persistence;

namespace Reporting.CommandLine;

/// <summary><c>backup --out FILE</c>: a consistent online copy of the database (content stays encrypted).</summary>
internal sealed class BackupVerb : IAdminVerb
{
    public string Name => "backup";

    public Command Build(AdminContext context)
    {
        var destination = new Option<string>("--out") { Description = "The new file to write (never overwritten).", Required = true };
        var command = new Command(Name, "Write a consistent copy of the database, safe while the service runs.") { destination };
        command.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            var path = parsed.GetRequiredValue(destination);
            int reports;
            try
            {
                reports = await context.Services.GetRequiredService<DatabaseBackup>().WriteAsync(path, cancellationToken);
            }
            catch (IOException exception)
            {
                throw new UsageException(exception.Message);
            }

            await context.Output.WriteLineAsync($"Backup of {reports} reports written to {Path.GetFullPath(path)} (readable by this user only). " +
                "Report content in it is encrypted: back up the key (Encryption:KeyFile) separately, never beside the copy.");
            return 0;
        }));
        return command;
    }
}
