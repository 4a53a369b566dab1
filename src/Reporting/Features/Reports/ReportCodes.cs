namespace Reporting.Features.Reports;

/// <summary>A closed list from PRODUCT.md: codes for the API, Swedish labels for people.</summary>
public sealed class CodeList
{
    private readonly Dictionary<string, string> _labels;

    public CodeList(string field, params (string Code, string Label)[] entries)
    {
        Field = field;
        Entries = entries;
        _labels = entries.ToDictionary(e => e.Code, e => e.Label, StringComparer.Ordinal);
    }

    public string Field { get; }

    public IReadOnlyList<(string Code, string Label)> Entries { get; }

    public IEnumerable<string> Codes => Entries.Select(e => e.Code);

    public bool Contains(string? code) => code is not null && _labels.ContainsKey(code);

    public string Label(string code) => _labels.TryGetValue(code, out var label) ? label : code;
}

/// <summary>
/// The closed lists with a role of their own (kind, environment, observations, channel, forwarding);
/// the optional questions are declared in <see cref="ClosedQuestions"/>, and units and areas are
/// configurable and live in Organisation.
/// </summary>
public static class ReportCodes
{
    public static readonly CodeList Kind = new("kind",
        ("concern", "Oro för en person"),
        ("incident", "Händelse"),
        ("information", "Information/iakttagelse"));

    public static readonly CodeList Environment = new("environment",
        ("white-power", "Vit makt-miljön"),
        ("autonomous", "Den autonoma miljön"),
        ("islamist", "Den islamistiska extremistiska miljön"),
        ("other", "Annan"),
        ("unknown", "Oklart"));

    public static readonly CodeList Observation = new("observations",
        ("symbols", "Symboler"),
        ("propaganda", "Propaganda/flygblad"),
        ("stickers", "Klistermärken"),
        ("graffiti", "Klotter"),
        ("statements", "Uttalanden/åsikter som förespråkar våld"),
        ("recruitment", "Rekrytering"),
        ("threats", "Hot"),
        ("violence", "Våld"),
        ("online", "Material på nätet/sociala medier"),
        ("travel", "Resa till/från konfliktområde"),
        ("other", "Annat"));






    public static readonly CodeList ForwardedTo = new("forwardedTo",
        ("police", "Polisen"),
        ("vbe-team", "Stadens VBE-team"),
        ("social-services", "Socialtjänsten"),
        ("sig", "SIG"),
        ("other", "Annan"));

    /// <summary>How a report reached the service: the form, or registered by a coordinator from another channel.</summary>
    public static readonly CodeList Channel = new("channel",
        ("form", "Formuläret"),
        ("phone", "Telefon"),
        ("meeting", "Möte"),
        ("letter", "Brev"),
        ("email", "E-post"),
        ("other", "Annat"));

    /// <summary>An observation in a word or two, for the inbox's rows (the list's labels are the form's full wording).</summary>
    public static string ShortObservation(string code) => code switch
    {
        "symbols" => "Symboler",
        "propaganda" => "Propaganda",
        "stickers" => "Klistermärken",
        "graffiti" => "Klotter",
        "statements" => "Uttalanden",
        "recruitment" => "Rekrytering",
        "threats" => "Hot",
        "violence" => "Våld",
        "online" => "Nätet",
        "travel" => "Resa",
        "other" => "Annat",
        _ => Observation.Label(code),
    };

    public const string FormChannel = "form";
    public const string Unknown = "unknown";
    public const int DescriptionMaxLength = 4000;
    public const int ReporterContactMaxLength = 200;
}
