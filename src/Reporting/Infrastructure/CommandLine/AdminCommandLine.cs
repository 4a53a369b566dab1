using System.Globalization;
using System.Text.Json;
using Mediator;
using Reporting.Features.Coordinators;
using Reporting.Features.Summaries;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence;
using Spectre.Console;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;

namespace Reporting.Infrastructure.CommandLine;

/// <summary>
/// The admin verbs of the same executable (<c>dotnet Reporting.dll migrate</c>). Each exits 0 on
/// success, or non-zero with a one-line reason on stderr. Results go to stdout, logs to stderr.
/// </summary>
public static class AdminCommandLine
{
    public const string Usage =
        "usage: Reporting <verb>\n" +
        "  migrate                                                        create or upgrade the database\n" +
        "  summary --quarter YYYY-QN --format json                        the quarter's counts as JSON on stdout\n" +
        "  summary --quarter YYYY-QN [--variant internal|shareable] --out FILE.pdf   the quarterly PDF\n" +
        "  coordinator add --email ADDRESS                                create a coordinator (prints a setup link)\n" +
        "  coordinator reset --email ADDRESS                              lost phone or password: remove both, end sessions, print a new setup link\n" +
        "  coordinator remove --email ADDRESS                             remove a coordinator (the audit log keeps their actions)\n" +
        "  keys rotate [--batch-size N]                                   new key version; re-wraps every report key (resumes if interrupted)\n" +
        "  backup --out FILE                                              consistent copy of the database";

    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal) { "migrate", "summary", "coordinator", "keys", "backup", "help", "--help", "-h" };

    public static bool IsAdminInvocation(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return args[0] switch
            {
                "migrate" => Done(output, "The database is up to date."),
                "summary" => await SummaryAsync(services, Options.Parse(args[1..], "quarter", "format", "variant", "out"), output),
                "backup" => await BackupAsync(services, Options.Parse(args[1..], "out"), output),
                "coordinator" when args.Length >= 2 && args[1] == "add" => await AddCoordinatorAsync(services, Options.Parse(args[2..], "email"), output, reset: false),
                "coordinator" when args.Length >= 2 && args[1] == "reset" => await AddCoordinatorAsync(services, Options.Parse(args[2..], "email"), output, reset: true),
                "coordinator" when args.Length >= 2 && args[1] == "remove" => await RemoveCoordinatorAsync(services, Options.Parse(args[2..], "email"), output),
                "keys" when args.Length >= 2 && args[1] == "rotate" => await RotateKeysAsync(services, Options.Parse(args[2..], "batch-size"), output),
                "help" or "--help" or "-h" => Done(output, Usage),
                _ => throw new UsageException($"'{string.Join(' ', args.Take(2))}' is not available in this version."),
            };
        }
        catch (UsageException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return 2;
        }
    }

    private static async Task<int> SummaryAsync(IServiceProvider services, Options options, TextWriter output)
    {
        if (!Quarter.TryParse(options.Required("quarter"), out var quarter))
        {
            throw new UsageException("--quarter must look like 2026-Q3.");
        }

        var destination = options.Get("out");
        var format = options.Get("format") ?? (destination is null ? "json" : "pdf");
        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        switch (format)
        {
            case "json":
                var summary = await mediator.Send(new BuildQuarterSummaryQuery(quarter));
                await output.WriteLineAsync(JsonSerializer.Serialize(summary, ReportingJsonContext.Default.QuarterSummary));
                return 0;
            case "pdf" when destination is not null:
                SummaryVariant variant;
                try
                {
                    variant = ExportQuarterSummaryHandler.ParseVariant(options.Get("variant"));
                }
                catch (RequestValidationException)
                {
                    throw new UsageException("--variant must be internal or shareable.");
                }

                var pdf = await mediator.Send(new ExportQuarterSummaryQuery(Features.Audit.AuditActors.CommandLine, quarter, variant));
                try
                {
                    await File.WriteAllBytesAsync(destination, pdf.Content);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    throw new UsageException($"cannot write {destination}: {exception.Message}");
                }

                await output.WriteLineAsync($"Wrote the {(variant == SummaryVariant.Internal ? "internal" : "shareable")} summary of {quarter} ({pdf.Reports} reports) to {Path.GetFullPath(destination)}.");
                return 0;
            case "pdf":
                throw new UsageException("--out FILE.pdf is needed for the PDF.");
            default:
                throw new UsageException("--format must be json (or leave it out and give --out FILE.pdf).");
        }
    }

    private static async Task<int> AddCoordinatorAsync(IServiceProvider services, Options options, TextWriter output, bool reset)
    {
        var email = options.Required("email");
        await using var scope = services.CreateAsyncScope();
        CoordinatorInvitationLink invitation;
        try
        {
            invitation = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new InviteCoordinatorCommand(email, reset));
        }
        catch (RequestValidationException exception)
        {
            throw new UsageException(string.Join(" ", exception.Errors.SelectMany(e => e.Value)));
        }

        await output.WriteLineAsync($"Coordinator {invitation.Email} {(reset ? "reset: password, authenticator and sessions removed" : "created")}. Send them this one-time setup link " +
            $"(valid until {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC, works once); it is where they choose a password and enrol an authenticator app:");
        await output.WriteLineAsync(invitation.Link.ToString());
        return 0;
    }

    private static async Task<int> RemoveCoordinatorAsync(IServiceProvider services, Options options, TextWriter output)
    {
        var email = options.Required("email");
        await using var scope = services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RemoveCoordinatorCommand(email));
        }
        catch (RequestValidationException exception)
        {
            throw new UsageException(string.Join(" ", exception.Errors.SelectMany(e => e.Value)));
        }

        await output.WriteLineAsync($"Coordinator {email.Trim()} removed; open sessions end within a minute. The audit log keeps what they did.");
        return 0;
    }

    private static async Task<int> BackupAsync(IServiceProvider services, Options options, TextWriter output)
    {
        var destination = options.Required("out");
        int reports;
        try
        {
            reports = await services.GetRequiredService<DatabaseBackup>().WriteAsync(destination, CancellationToken.None);
        }
        catch (IOException exception)
        {
            throw new UsageException(exception.Message);
        }

        await output.WriteLineAsync($"Backup of {reports} reports written to {Path.GetFullPath(destination)}. " +
            "Report content in it is encrypted: back up the key (Encryption:KeyFile) separately, never beside the copy.");
        return 0;
    }

    private static async Task<int> RotateKeysAsync(IServiceProvider services, Options options, TextWriter output)
    {
        var batchSize = 500;
        if (options.Get("batch-size") is { } size && (!int.TryParse(size, CultureInfo.InvariantCulture, out batchSize) || batchSize < 1))
        {
            throw new UsageException("--batch-size must be a whole number above 0.");
        }

        var rotation = services.GetRequiredService<KeyRotation>();
        KeyRotation.Outcome outcome;
        try
        {
            outcome = await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("Re-wrapping report keys");
                    return await rotation.RotateAsync(batchSize, (done, total) =>
                    {
                        task.MaxValue = Math.Max(1, total);
                        task.Value = done;
                    }, CancellationToken.None);
                });
        }
        catch (InvalidOperationException exception)
        {
            throw new UsageException(exception.Message);
        }

        await output.WriteLineAsync(
            $"{(outcome.Resumed ? "Resumed an interrupted rotation" : "New key version")} {outcome.KeyId}: re-wrapped {outcome.Rewrapped} report keys. " +
            $"Reports per key version: {string.Join(", ", outcome.ReportsByKey.Select(k => $"{k.Key}={k.Value}"))}. " +
            "Older key versions stay in the key file; restart the service so new reports use the new key, and back up the key file.");
        return 0;
    }

    private static int Done(TextWriter output, string message)
    {
        output.WriteLine(message);
        return 0;
    }

    /// <summary>"--name value" pairs; an unknown or repeated option is a usage error, not a silent default.</summary>
    private sealed class Options
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public static Options Parse(string[] args, params string[] allowed)
        {
            var options = new Options();
            for (var i = 0; i < args.Length; i++)
            {
                var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
                if (name is null || !allowed.Contains(name))
                {
                    throw new UsageException($"unknown argument '{args[i]}'. {Usage.Split('\n')[0]}");
                }

                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"--{name} needs a value.");
                }

                if (!options._values.TryAdd(name, args[++i]))
                {
                    throw new UsageException($"--{name} is given twice.");
                }
            }

            return options;
        }

        public string? Get(string name) => _values.GetValueOrDefault(name);

        public string Required(string name) => Get(name) ?? throw new UsageException($"--{name} is required.");
    }
}

public sealed class UsageException(string message) : Exception(message);
