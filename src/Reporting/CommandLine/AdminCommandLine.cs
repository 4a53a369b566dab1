using System.CommandLine;

namespace Reporting.CommandLine;

/// <summary>
/// The admin verbs of the same executable (<c>dotnet Reporting.dll migrate</c>), one class per verb,
/// parsed by System.CommandLine (help, usage errors and their exit codes come from it). Each exits 0
/// on success, or non-zero with a one-line reason on stderr. Results go to stdout, logs to stderr.
/// </summary>
public static class AdminCommandLine
{
    private static readonly IAdminVerb[] Verbs =
    [
        new MigrateVerb(),
        new SummaryVerb(),
        new SituationPictureVerb(),
        new CoordinatorVerb(),
        new AdministrationVerb(),
        new KeysVerb(),
        new BackupVerb(),
        new RetentionVerb(),
        new ArchiveVerb(),
        new AuditVerb(),
        new RecordsVerb(),
    ];

    private static readonly HashSet<string> Names = [.. Verbs.Select(v => v.Name), "help", "--help", "-h", "-?"];

    /// <summary>True when the first argument names a verb (or asks for help): run it instead of serving HTTP.</summary>
    public static bool IsAdminInvocation(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var context = new AdminContext(services, output, error);
        var root = new RootCommand("Reporting: the service, and its admin verbs when the first argument names one.");
        foreach (var verb in Verbs)
        {
            root.Subcommands.Add(verb.Build(context));
        }

        var parsed = root.Parse(args is ["help"] ? ["--help"] : args);
        if (parsed.Action is System.CommandLine.Invocation.ParseErrorAction parseError)
        {
            // One line per problem, no page of help: the contract promises a one-line reason.
            parseError.ShowHelp = false;
            parseError.ShowTypoCorrections = false;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }
}

/// <summary>One admin verb: its command line (options, sub-verbs) and what it does.</summary>
internal interface IAdminVerb
{
    string Name { get; }

    Command Build(AdminContext context);
}

/// <summary>What every verb shares: the service's services, where results and errors go, and how a refusal is reported.</summary>
internal sealed class AdminContext(IServiceProvider services, TextWriter output, TextWriter error)
{
    public IServiceProvider Services { get; } = services;

    public TextWriter Output { get; } = output;

    /// <summary>Runs a verb's work; a refusal becomes "error: …" on stderr and exit code 2.</summary>
    public async Task<int> RunAsync(Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (UsageException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return 2;
        }
    }

    /// <summary>An option that takes one of a few words; the error names the option (the library's own message does not).</summary>
    public static Action<System.CommandLine.Parsing.OptionResult> OneOf(string option, params string[] allowed) => result =>
    {
        if (result.Tokens.Count > 0 && !allowed.Contains(result.Tokens[0].Value, StringComparer.Ordinal))
        {
            result.AddError($"{option} must be {string.Join(" or ", allowed)}.");
        }
    };

    /// <summary><c>--administration CODE</c>, taken by every verb that reads an administration's data.</summary>
    public static Option<string?> AdministrationOption() =>
        new("--administration") { Description = "The administration (förvaltning) whose data to read: a code from 'administration list'. Needed when several are configured." };

    /// <summary>
    /// A scope whose queries see one administration's data, as its coordinators do (ADR 19). With
    /// several configured, <paramref name="required"/> verbs refuse to run without one; the others
    /// (the audit log) read every administration's without it, and take the city's own log
    /// (<see cref="Features.Administrations.Administration.CityLog"/>) too.
    /// </summary>
    public AsyncServiceScope DataScope(string? code, bool required = true)
    {
        var administrations = Services.GetRequiredService<Features.Administrations.AdministrationCatalogue>();
        var codes = string.Join(", ", administrations.All.Select(a => a.Code).Concat(required ? [] : [Features.Administrations.Administration.CityLog]));
        var cityLog = !required && code == Features.Administrations.Administration.CityLog;
        var administration = code is not null
            ? cityLog ? Features.Administrations.Administration.Unconfigured(code) : administrations.Find(code) ?? throw new UsageException($"--administration must be one of {codes}.")
            : required && administrations.AreSeveral ? throw new UsageException($"--administration is needed: several administrations are configured ({codes}).") : null;
        var scope = Services.CreateAsyncScope();
        if (administration is not null)
        {
            scope.ServiceProvider.GetRequiredService<Features.Administrations.AdministrationScope>().Enter(administration, cityLog ? code : administrations.Stored(administration));
        }

        return scope;
    }

    /// <summary>A use case's validation failure, as the one-line reason of a refusal.</summary>
    public static UsageException Refusal(Pipeline.RequestValidationException exception) =>
        new(string.Join(" ", exception.Errors.SelectMany(e => e.Value)));
}

public sealed class UsageException(string message) : Exception(message);
