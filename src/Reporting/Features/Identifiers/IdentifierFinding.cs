namespace Reporting.Features.Identifiers;

/// <summary>
/// Something in a text that may identify a person. Offsets are UTF-16 code units (C# string
/// indices), <see cref="End"/> exclusive, so a browser's JavaScript can use them as they are.
/// </summary>
public sealed record IdentifierFinding(string Kind, int Start, int End, bool Blocking);

/// <summary>The kinds of identifier, whether each blocks a report, and the placeholder offered for it.</summary>
public static class IdentifierKinds
{
    public const string Personnummer = "personnummer";
    public const string Samordningsnummer = "samordningsnummer";
    public const string Phone = "phone";
    public const string Email = "email";
    public const string Address = "address";
    public const string PostalCode = "postal_code";
    public const string Plate = "plate";
    public const string Name = "name";
    public const string Ip = "ip";
    public const string Url = "url";
    public const string SocialHandle = "social_handle";

    /// <summary>A named school, preschool, youth centre or other workplace: with class, age and gender it can point at one child.</summary>
    public const string Workplace = "workplace";

    public static IReadOnlyList<string> All { get; } =
        [Personnummer, Samordningsnummer, Phone, Email, Address, PostalCode, Plate, Name, Ip, Url, SocialHandle, Workplace];

    /// <summary>These can never be confirmed away: the reporter must remove them.</summary>
    public static bool IsBlocking(string kind) => kind is Personnummer or Samordningsnummer or Email or Phone or Ip;

    public static string Placeholder(string kind) => kind switch
    {
        Personnummer => "[personnummer]",
        Samordningsnummer => "[samordningsnummer]",
        Phone => "[telefonnummer]",
        Email => "[e-post]",
        Address => "[adress]",
        PostalCode => "[postnummer]",
        Plate => "[registreringsnummer]",
        Name => "[namn]",
        Ip => "[ip-adress]",
        Url => "[länk]",
        SocialHandle => "[användarnamn]",
        Workplace => "[arbetsplats]",
        _ => "[uppgift]",
    };
}
