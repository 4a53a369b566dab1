using Microsoft.Extensions.Options;

namespace Reporting.Features.Symbols;

/// <summary>
/// The symbols a report may name (<c>symbols</c>), counted in the summaries (<c>bySymbol</c>). The
/// built-in list holds marks that are widely documented in public sources on the three environments
/// (Säkerhetspolisen's and Expo's overviews, the ADL's hate-symbol database); names are neutral and
/// descriptive. An environment is where a mark is usually seen, a suggestion on the form, never a
/// verdict: several of these are also used outside any violent environment.
/// </summary>
public sealed class SymbolCatalogue
{
    public const int MaxPerReport = 10;

    public static IReadOnlyList<Symbol> Defaults { get; } =
    [
        new("tyr-rune", "Tyrrunan (pil uppåt)", "white-power"),
        new("nmr-logo", "Nordiska motståndsrörelsens märke (tyrrunan i ring)", "white-power"),
        new("odal-rune", "Odalrunan", "white-power"),
        new("wolfsangel", "Varghaken (Wolfsangel)", "white-power"),
        new("black-sun", "Svarta solen", "white-power"),
        new("celtic-cross", "Keltiskt kors i ring (vit makt-varianten)", "white-power"),
        new("swastika", "Hakkors", "white-power"),
        new("totenkopf", "Dödskallen (Totenkopf)", "white-power"),
        new("valknut", "Valknuten", "white-power"),
        new("number-88", "Sifferkoden 88", "white-power"),
        new("number-14", "Sifferkoden 14 (de fjorton orden)", "white-power"),
        new("active-club", "Aktivklubbarnas märke", "white-power"),
        new("antifa-flags", "Två flaggor i ring (antifascistisk aktion)", "autonomous"),
        new("three-arrows", "Tre pilar", "autonomous"),
        new("circle-a", "A i ring (anarkism)", "autonomous"),
        new("black-red-flag", "Svart-röd flagga", "autonomous"),
        new("acab", "ACAB eller 1312", "autonomous"),
        new("is-flag", "Islamiska statens svarta flagga med sigillet", "islamist"),
        new("black-standard", "Svart flagga med trosbekännelsen (shahada)", "islamist"),
        new("tawhid-finger", "Höjt pekfinger i propaganda för Islamiska staten", "islamist"),
        new("al-shabaab-flag", "al-Shabaabs flagga", "islamist"),
        new("hizb-ut-tahrir-flag", "Hizb ut-Tahrirs flagga", "islamist"),
    ];

    public SymbolCatalogue(IOptions<SymbolsOptions> options)
    {
        var configured = options.Value.Entries;
        All = configured.Count > 0 ? [.. configured.Select(e => new Symbol(e.Code!, e.Name!, e.Environment!))] : Defaults;
        Codes = All.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<Symbol> All { get; }

    public IReadOnlySet<string> Codes { get; }

    /// <summary>A symbol's name for people; a code no longer in the catalogue shows as itself.</summary>
    public string Name(string code) => All.FirstOrDefault(s => s.Code == code)?.Name ?? code;

    public static bool IsCode(string code) =>
        code.Length is >= 1 and <= 40 && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
