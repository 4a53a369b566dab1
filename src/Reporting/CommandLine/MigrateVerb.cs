using System.CommandLine;
using Reporting.Infrastructure.Persistence;

namespace Reporting.CommandLine;

/// <summary><c>migrate</c>: create or upgrade the database and exit (the start-up already did the work; this says what it was).</summary>
internal sealed class MigrateVerb : IAdminVerb
{
    public string Name => "migrate";

    public Command Build(AdminContext context)
    {
        var command = new Command(Name, "Create or upgrade the database, then exit.");
        command.SetAction((_, _) => context.RunAsync(async () =>
        {
            var run = context.Services.GetRequiredService<DatabaseInitializer>().LastRun
                ?? throw new UsageException("the database was not initialised.");
            var applied = run.AppliedMigrations.Count == 0
                ? "no migration was needed"
                : $"applied {run.AppliedMigrations.Count} migration{(run.AppliedMigrations.Count == 1 ? "" : "s")} ({string.Join(", ", run.AppliedMigrations)})";
            await context.Output.WriteLineAsync($"{run.Database}: {(run.Created ? "created, " : "")}{applied}; it is at migration {run.LatestMigration}.");
            return 0;
        }));
        return command;
    }
}
