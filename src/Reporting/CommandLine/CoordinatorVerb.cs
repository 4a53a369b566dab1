using System.CommandLine;
using Mediator;
using Reporting.Features.Coordinators;
using Reporting.Features.Reports;
using Reporting.Pipeline;

namespace Reporting.CommandLine;

/// <summary>
/// <c>coordinator add|reset|remove|allow-sso --email ADDRESS</c> (<c>add --sso [--subject SUB]</c> for single
/// sign-on, <c>add --until YYYY-MM-DD</c> for a deputy, <c>--administration CODE</c>, <c>--role coordinator|city</c>):
/// accounts are created and ended from the command line only.
/// </summary>
internal sealed class CoordinatorVerb : IAdminVerb
{
    public string Name => "coordinator";

    public Command Build(AdminContext context)
    {
        var command = new Command(Name, "Create, reset or remove a coordinator account.");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(Reset(context));
        command.Subcommands.Add(Remove(context));
        command.Subcommands.Add(AllowSingleSignOn(context));
        return command;
    }

    private static Option<string> Email() => new("--email") { Description = "The coordinator's e-mail address (also where alerts go).", Required = true };

    private static Command Add(AdminContext context)
    {
        var email = Email();
        var sso = new Option<bool>("--sso") { Description = "Signs in only with the municipality's identity provider (Authentication:Oidc): no password, no setup link." };
        var subject = new Option<string?>("--subject") { Description = "With --sso: the person's subject (sub) at the provider, bound now instead of at the first sign-in (needed when the provider sends no verified address)." };
        var until = new Option<string?>("--until") { Description = "A deputy (ersättare): the last day (YYYY-MM-DD) the account may sign in and gets alerts; open sessions end after it." };
        var administration = new Option<string?>("--administration") { Description = "The administration (förvaltning) whose reports they handle: a code from 'administration list'. Needed when several are configured." };
        var role = new Option<string?>("--role") { Description = "coordinator (the default: handles reports) or city (the city's view: every administration's figures, no report)." };
        var command = new Command("add", "Create a coordinator; prints a one-time setup link (or, with --sso, none).") { email, sso, subject, until, administration, role };
        command.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            var address = parsed.GetRequiredValue(email);
            var pinned = parsed.GetValue(subject);
            DateOnly? lastDay = parsed.GetValue(until) is { } day
                ? IsoDate.TryParse(day, out var parsedDay) ? parsedDay : throw new UsageException("--until must look like 2026-12-31.")
                : null;
            if (parsed.GetValue(sso))
            {
                var added = await SendAsync(context, new AddSingleSignOnCoordinatorCommand(address, pinned) { Until = lastDay, Administration = parsed.GetValue(administration), Role = parsed.GetValue(role) }, cancellationToken);
                await context.Output.WriteLineAsync($"Coordinator {added} created for single sign-on: they sign in with \"Logga in med kommunens konto\" " +
                    "(the provider must assert multi-factor sign-in); " +
                    (pinned is null ? "the first sign-in with a verified address binds the account to their account at the provider." : "the account is bound to the given subject at the provider."));
                return 0;
            }

            if (pinned is not null)
            {
                throw new UsageException("--subject goes with --sso.");
            }

            var invitation = await SendAsync(context, new InviteCoordinatorCommand(address) { Until = lastDay, Administration = parsed.GetValue(administration), Role = parsed.GetValue(role) }, cancellationToken);
            await PrintLinkAsync(context, invitation, lastDay is { } last ? $"created as a deputy until {last:yyyy-MM-dd}" : "created");
            return 0;
        }));
        return command;
    }

    private static Command Reset(AdminContext context)
    {
        var email = Email();
        var command = new Command("reset", "Lost phone or password: remove both, end open sessions, print a new setup link.") { email };
        command.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            var invitation = await SendAsync(context, new InviteCoordinatorCommand(parsed.GetRequiredValue(email), Reset: true), cancellationToken);
            await PrintLinkAsync(context, invitation, "reset: password, authenticator and sessions removed");
            return 0;
        }));
        return command;
    }

    private static Command Remove(AdminContext context)
    {
        var email = Email();
        var command = new Command("remove", "Remove a coordinator (the audit log keeps what they did).") { email };
        command.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            var address = parsed.GetRequiredValue(email).Trim();
            await SendAsync(context, new RemoveCoordinatorCommand(address), cancellationToken);
            await context.Output.WriteLineAsync($"Coordinator {address} removed; open sessions end within a minute. The audit log keeps what they did.");
            return 0;
        }));
        return command;
    }

    private static Command AllowSingleSignOn(AdminContext context)
    {
        var email = Email();
        var command = new Command("allow-sso", "Let an account enrolled with a password sign in through the identity provider too.") { email };
        command.SetAction((parsed, cancellationToken) => context.RunAsync(async () =>
        {
            var allowed = await SendAsync(context, new AllowSingleSignOnCommand(parsed.GetRequiredValue(email)), cancellationToken);
            await context.Output.WriteLineAsync($"Coordinator {allowed} may now sign in with \"Logga in med kommunens konto\"; the first such sign-in with a verified address binds the account.");
            return 0;
        }));
        return command;
    }

    private static async Task<T> SendAsync<T>(AdminContext context, ICommand<T> command, CancellationToken cancellationToken)
    {
        await using var scope = context.Services.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, cancellationToken);
        }
        catch (RequestValidationException exception)
        {
            throw AdminContext.Refusal(exception);
        }
    }

    private static async Task PrintLinkAsync(AdminContext context, CoordinatorInvitationLink invitation, string what)
    {
        await context.Output.WriteLineAsync($"Coordinator {invitation.Email} {what}. Send them this one-time setup link " +
            $"(valid until {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC, works once); it is where they choose a password and enrol an authenticator app:");
        await context.Output.WriteLineAsync(invitation.Link.ToString());
    }
}
