using System.CommandLine;
using Reporting.Features.Retention;

namespace Reporting.CommandLine;

/// <summary><c>retention preview</c>: what the next run of gallring would delete, class by class (references and counts only).</summary>
internal sealed class RetentionVerb : IAdminVerb
{
    public string Name => "retention";

    public Command Build(AdminContext context)
    {
        var command = new Command(Name, "Gallring: see what the next run would delete.");
        var preview = new Command("preview", "List, per administration and record class, how many records the next run would delete, of which reports, and under which decision. Deletes nothing.");
        var administration = AdminContext.AdministrationOption();
        preview.Options.Add(administration);
        preview.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            var plan = context.Services.GetRequiredService<RetentionPlan>();
            if (!plan.IsOn)
            {
                await context.Output.WriteLineAsync("Retention is off: no Retention:Classes are configured, so nothing is deleted.");
                return 0;
            }

            var administrations = context.Services.GetRequiredService<Features.Administrations.AdministrationCatalogue>();
            var only = parsed.GetValue(administration) is { } code
                ? administrations.Find(code) ?? throw new UsageException($"--administration must be one of {string.Join(", ", administrations.All.Select(a => a.Code))}.")
                : null;
            var lines = await context.Services.GetRequiredService<RetentionJob>().PreviewAsync(cancellationToken, only);
            foreach (var (owner, rules) in plan.ByAdministration.Where(p => only is null || p.Administration == only))
            {
                if (administrations.AreSeveral)
                {
                    await context.Output.WriteLineAsync($"[{owner.Code}]{(rules.Count == 0 ? " no retention rules: nothing is deleted" : string.Empty)}");
                }

                foreach (var line in lines.Where(l => l.Administration == owner.Code))
                {
                    await context.Output.WriteLineAsync($"{line.Records}: {line.Count} to delete ({line.Months} months; {line.Decision})");
                    if (line.Of.Count > 0)
                    {
                        await context.Output.WriteLineAsync($"  of: {string.Join(", ", line.Of)}");
                    }
                }
            }

            return 0;
        }));
        command.Subcommands.Add(preview);
        return command;
    }
}
