using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Administrations;
using Reporting.Infrastructure.Persistence;

namespace Reporting.CommandLine;

/// <summary><c>administration list</c>: the configured förvaltningar, with their coordinators and reports counted.</summary>
internal sealed class AdministrationVerb : IAdminVerb
{
    public string Name => "administration";

    public Command Build(AdminContext context)
    {
        var command = new Command(Name, "The administrations (förvaltningar) this deployment serves.");
        var list = new Command("list", "List the administrations: code, name, coordinators and reports.");
        list.SetAction((_, cancellationToken) => context.RunAsync(async () =>
        {
            var administrations = context.Services.GetRequiredService<AdministrationCatalogue>();
            await using var scope = context.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            var reports = await db.Reports.GroupBy(r => r.Administration).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var accounts = await db.Users.Where(u => u.Role == Features.Coordinators.CoordinatorRoles.Coordinator)
                .GroupBy(u => u.Administration).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            int Of<T>(IEnumerable<T> rows, Func<T, string?> key, Func<T, int> count, Administration administration) =>
                rows.Where(r => administration.Owns(key(r))).Sum(count);

            if (!administrations.AreSeveral)
            {
                await context.Output.WriteLineAsync("One administration (Administrations is not configured; Organisation:* describes it):");
            }

            foreach (var administration in administrations.All)
            {
                var coordinators = Of(accounts, a => a.Key, a => a.Count, administration);
                var count = Of(reports, r => r.Key, r => r.Count, administration);
                await context.Output.WriteLineAsync(
                    $"{administration.Code}\t{administration.Name}\t{coordinators} coordinator{(coordinators == 1 ? "" : "s")}\t{count} report{(count == 1 ? "" : "s")}"
                    + (administration.IsHome && administrations.AreSeveral ? "\t(home: reports from before several were configured)" : string.Empty)
                    + (administrations.AreSeveral ? $"\tform at /{administration.Code}" : string.Empty));
            }

            return 0;
        }));
        command.Subcommands.Add(list);
        return command;
    }
}
