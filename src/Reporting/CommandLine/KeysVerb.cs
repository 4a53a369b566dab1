using System.CommandLine;
using Reporting.Infrastructure.Encryption;
using Spectre.Console;

namespace Reporting.CommandLine;

/// <summary><c>keys rotate</c> and <c>keys retire --version N</c>.</summary>
internal sealed class KeysVerb : IAdminVerb
{
    public string Name => "keys";

    public Command Build(AdminContext context)
    {
        var command = new Command(Name, "Rotate the key-encryption key, or retire an old version of it.");
        command.Subcommands.Add(Rotate(context));
        command.Subcommands.Add(Retire(context));
        return command;
    }

    private static Command Rotate(AdminContext context)
    {
        var batchSize = new Option<int>("--batch-size") { Description = "Reports re-wrapped per transaction.", DefaultValueFactory = _ => 500 };
        batchSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--batch-size must be a whole number above 0.");
            }
        });
        var command = new Command("rotate", "New key version (with a key file); re-wraps every report key, the database secrets, authenticator and session keys under the current key; resumes if interrupted.") { batchSize };
        command.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            var rotation = context.Services.GetRequiredService<KeyRotation>();
            var ring = context.Services.GetRequiredService<KeyRing>();
            var outcome = await AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }).Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("Re-wrapping keys");
                    return await rotation.RotateAsync(parsed.GetValue(batchSize), (done, total) =>
                    {
                        task.MaxValue = Math.Max(1, total);
                        task.Value = done;
                    }, cancellationToken);
                });

            var perKey = string.Join(", ", outcome.ReportsByKey.Select(k => $"{k.Key}={k.Value}"));
            if (ring.FilePath is not null)
            {
                await context.Output.WriteLineAsync(
                    $"{(outcome.AddedKey ? "New key version" : "Resumed an interrupted rotation to key")} {outcome.KeyId}: re-wrapped {outcome.Describe()}. " +
                    $"Reports per key version: {(perKey.Length == 0 ? "none" : perKey)}. Running instances take the new key within seconds; " +
                    "back up the key file, then retire the old version (keys retire --version 1) once nothing uses it.");
            }
            else
            {
                await context.Output.WriteLineAsync(outcome.Total == 0
                    ? $"Everything is already under the current key {outcome.KeyId} (Encryption:Key). To rotate: put a new key in Encryption:Key, move the old one to " +
                      "Encryption:PreviousKeys, restart the instances, run keys rotate, then remove the old key from Encryption:PreviousKeys."
                    : $"Re-wrapped {outcome.Describe()} under {outcome.KeyId} (Encryption:Key). Reports per key version: {perKey}. " +
                      "Now remove the old key from Encryption:PreviousKeys and restart the instances.");
            }

            return 0;
        }));
        return command;
    }

    private static Command Retire(AdminContext context)
    {
        var version = new Option<string>("--version") { Description = "The key version to retire: its position (1 = the oldest) or its id.", Required = true };
        var command = new Command("retire", "Remove an old key version; refused while anything still uses it.") { version };
        command.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            KeyRotation.Retirement retired;
            try
            {
                retired = await context.Services.GetRequiredService<KeyRotation>().RetireAsync(parsed.GetRequiredValue(version), cancellationToken);
            }
            catch (InvalidOperationException exception)
            {
                throw new UsageException(exception.Message);
            }

            await context.Output.WriteLineAsync(retired.RemovedFromFile
                ? $"Key version {retired.Version} ({retired.KeyId}) is retired: nothing used it, and it is removed from the key file. Back up the key file again."
                : $"Key version {retired.Version} ({retired.KeyId}) is no longer used; remove it from Encryption:PreviousKeys and restart the instances.");
            return 0;
        }));
        return command;
    }
}
