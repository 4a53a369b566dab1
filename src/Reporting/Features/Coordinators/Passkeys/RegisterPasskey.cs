using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Features.Organisation;
using Reporting.Infrastructure.Persistence;
using Reporting.Pipeline;

namespace Reporting.Features.Coordinators.Passkeys;

/// <summary>A signed-in coordinator asks to add a passkey: the options for <c>navigator.credentials.create</c>.</summary>
public sealed record BeginPasskeyRegistrationCommand(string Actor, RelyingParty Party) : ICommand<(string OptionsJson, PendingCeremony Pending)>;

/// <summary>The browser's answer, checked against the options given; the passkey is stored when it holds.</summary>
public sealed record FinishPasskeyRegistrationCommand(string Actor, RelyingParty Party, PendingCeremony? Pending, string? CredentialJson) : ICommand<PasskeyView>;

public sealed record PasskeyView(Guid Id, string Name, DateOnly AddedOn, DateOnly? LastUsedOn);

public sealed class BeginPasskeyRegistrationHandler(UserManager<CoordinatorAccount> users, ReportingDbContext db, PasskeyCeremonies ceremonies)
    : ICommandHandler<BeginPasskeyRegistrationCommand, (string OptionsJson, PendingCeremony Pending)>
{
    public async ValueTask<(string OptionsJson, PendingCeremony Pending)> Handle(BeginPasskeyRegistrationCommand command, CancellationToken cancellationToken)
    {
        var account = await users.FindByEmailAsync(command.Actor) ?? throw new InvalidOperationException("The signed-in coordinator has no account.");
        var existing = await db.Set<CoordinatorPasskey>().AsNoTracking().Where(p => p.AccountId == account.Id).Select(p => p.CredentialId).ToListAsync(cancellationToken);
        var options = ceremonies.For(command.Party).RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = PasskeyCeremonies.UserHandle(account.Id), Name = account.Email!, DisplayName = account.Email! },
            ExcludeCredentials = [.. existing.Select(id => new PublicKeyCredentialDescriptor(id))],
            AuthenticatorSelection = new AuthenticatorSelection { ResidentKey = ResidentKeyRequirement.Preferred, UserVerification = UserVerificationRequirement.Preferred },
            AttestationPreference = AttestationConveyancePreference.None,
        });
        var json = options.ToJson();
        return (json, new PendingCeremony(PasskeyCeremonies.Registration, account.Id, json));
    }
}

/// <summary>
/// Verifies the new credential (origin, challenge, the key's format) with Fido2 and stores it,
/// numbered ("Passkey 2"); audited. A ceremony begun for another account, expired, or answered
/// with something that does not verify is refused with a 400 naming <c>credential</c>.
/// </summary>
public sealed class FinishPasskeyRegistrationHandler(
    UserManager<CoordinatorAccount> users, ReportingDbContext db, PasskeyCeremonies ceremonies, AuditLog audit, OrganisationProfile organisation)
    : ICommandHandler<FinishPasskeyRegistrationCommand, PasskeyView>
{
    public async ValueTask<PasskeyView> Handle(FinishPasskeyRegistrationCommand command, CancellationToken cancellationToken)
    {
        var account = await users.FindByEmailAsync(command.Actor) ?? throw new InvalidOperationException("The signed-in coordinator has no account.");
        if (command.Pending is not { } pending || pending.AccountId != account.Id)
        {
            throw RequestValidationException.For("credential", "Registreringen hann gå ut eller började i en annan flik. Försök igen.");
        }

        var response = PasskeyResponses.Read<AuthenticatorAttestationRawResponse>(command.CredentialJson, "credential");
        RegisteredPublicKeyCredential credential;
        try
        {
            credential = await ceremonies.For(command.Party).MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = response,
                OriginalOptions = CredentialCreateOptions.FromJson(pending.Options),
                IsCredentialIdUniqueToUserCallback = async (args, token) =>
                    !await db.Set<CoordinatorPasskey>().AnyAsync(p => p.CredentialId == args.CredentialId, token),
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Fido2 refuses with its own exception, and a malformed CBOR or key with the decoder's: either way a 400, never a 500.
            throw RequestValidationException.For("credential", "Nyckeln kunde inte registreras. Försök igen.");
        }

        var number = (await db.Set<CoordinatorPasskey>().Where(p => p.AccountId == account.Id).MaxAsync(p => (int?)p.Number, cancellationToken) ?? 0) + 1;
        var passkey = new CoordinatorPasskey
        {
            Id = RandomIds.NewGuid(),
            AccountId = account.Id,
            CredentialId = credential.Id,
            PublicKey = credential.PublicKey,
            SignCount = credential.SignCount,
            Number = number,
            AddedOn = organisation.Today(),
        };
        db.Add(passkey);
        await audit.AppendNowAsync(db, account.Email!, AuditActions.PasskeyAdded, detail: $"passkey {number}", administration: account.AuditLogOf, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new PasskeyView(passkey.Id, PasskeyNames.Of(number), passkey.AddedOn, null);
    }
}

public static class PasskeyNames
{
    public static string Of(int number) => $"Passkey {number}";
}

/// <summary>The browser's JSON as Fido2's type; anything else is a 400 naming the field.</summary>
internal static class PasskeyResponses
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>A WebAuthn answer is a few kilobytes; more is refused before it is read.</summary>
    public const int MaxBytes = 64 * 1024;

    public static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new char[MaxBytes + 1];
        using var reader = new StreamReader(request.Body);
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        return read > MaxBytes ? throw new BadHttpRequestException("Body too large.", StatusCodes.Status413PayloadTooLarge) : new string(buffer, 0, read);
    }

    public static T Read<T>(string? json, string field)
        where T : class
    {
        try
        {
            return string.IsNullOrWhiteSpace(json) ? throw new JsonException() : JsonSerializer.Deserialize<T>(json, Web) ?? throw new JsonException();
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or ArgumentException or FormatException)
        {
            throw RequestValidationException.For(field, "Svaret från nyckeln kunde inte läsas. Försök igen.");
        }
    }
}

public static class PasskeyRegistrationEndpoints
{
    public static async Task<Ok<JsonElement>> OptionsAsync(HttpContext context, IMediator mediator, PasskeyCeremonies ceremonies, CancellationToken cancellationToken)
    {
        var (options, pending) = await mediator.Send(new BeginPasskeyRegistrationCommand(context.User.Name(), RelyingParty.Of(context.Request)), cancellationToken);
        ceremonies.Begin(context, pending);
        return TypedResults.Ok(JsonDocument.Parse(options).RootElement.Clone());
    }

    public static async Task<Created<PasskeyView>> RegisterAsync(HttpContext context, IMediator mediator, PasskeyCeremonies ceremonies, CancellationToken cancellationToken)
    {
        var body = await PasskeyResponses.ReadBodyAsync(context.Request, cancellationToken);
        var pending = ceremonies.Finish(context, PasskeyCeremonies.Registration);
        var view = await mediator.Send(new FinishPasskeyRegistrationCommand(context.User.Name(), RelyingParty.Of(context.Request), pending, body), cancellationToken);
        return TypedResults.Created($"/api/passkeys/{view.Id}", view);
    }
}
