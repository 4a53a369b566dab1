using Microsoft.EntityFrameworkCore;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Coordinators;

/// <summary>On a start with no coordinator account, says in the log how to create the first one.</summary>
public sealed partial class FirstCoordinatorHint(IDbContextFactory<ReportingDbContext> contexts, ILogger<FirstCoordinatorHint> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Users.AnyAsync(cancellationToken))
        {
            LogNoCoordinator(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 600, Level = LogLevel.Warning,
        Message = "No coordinator account yet. Create one with: dotnet run --project src/Reporting -- coordinator add --email ADDRESS (or: dotnet Reporting.dll coordinator add --email ADDRESS); it prints a one-time setup link.")]
    private static partial void LogNoCoordinator(ILogger logger);
}
