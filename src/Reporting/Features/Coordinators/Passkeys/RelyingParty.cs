namespace Reporting.Features.Coordinators.Passkeys;

/// <summary>Where the coordinator is: the host a passkey is bound to and the one origin accepted.</summary>
public sealed record RelyingParty(string Host, string Origin)
{
    public static RelyingParty Of(HttpRequest request) => new(request.Host.Host, $"{request.Scheme}://{request.Host.Value}");
}
