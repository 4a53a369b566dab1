using FluentValidation;

namespace Reporting.Features.Identifiers;

/// <summary>
/// What every text a person types must be, whatever the field: no control characters but line
/// breaks and tabs, no lone surrogates, and no bidirectional embedding, override or isolate
/// controls (U+202A–U+202E, U+2066–U+2069), which would make a coordinator's page show the text in
/// another order than the one stored ("7408-521162" for a stored 261225-8047).
/// </summary>
public static class FreeTextRules
{
    /// <summary>The checks above, with Swedish messages that name the field as a person reads it.</summary>
    public static IRuleBuilderOptions<T, string?> CleanText<T>(this IRuleBuilder<T, string?> rule, string fieldInWords) =>
        rule.Must(HasNoControlCharacters).WithMessage($"{fieldInWords} innehåller otillåtna kontrolltecken.")
            .Must(HasNoBidiControls).WithMessage($"{fieldInWords} innehåller osynliga tecken som vänder textens riktning; ta bort dem (de följer ofta med när text klistras in).");

    /// <summary>Line breaks and tabs are text; other control characters (and lone surrogates) are not.</summary>
    public static bool HasNoControlCharacters(string? text)
    {
        if (text is null)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return false;
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[++i])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What a typed text is stored (and checked) as: one kind of line break, trimmed, composed (NFC).</summary>
    public static string Normalise(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Normalize(System.Text.NormalizationForm.FormC);

    /// <summary><see cref="Normalise"/> for an optional field: a blank one is not given.</summary>
    public static string? Stored(string? text) => string.IsNullOrWhiteSpace(text) ? null : Normalise(text);

    public static bool HasNoBidiControls(string? text) =>
        text is null || text.AsSpan().IndexOfAnyInRange('\u202A', '\u202E') < 0 && text.AsSpan().IndexOfAnyInRange('\u2066', '\u2069') < 0;
}
