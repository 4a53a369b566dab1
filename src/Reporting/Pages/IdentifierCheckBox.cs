using System.Globalization;
using Reporting.Features.Identifiers;
using Reporting.Pages.StaffForm;

namespace Reporting.Pages;

/// <summary>
/// The identifier check beside a text a person types (the form's description, a reply, a survey
/// comment): the findings in words with the found text marked, a "replace with [namn]" button for each
/// (a post without script, in place with it), and the confirmation box, shown only when every finding is
/// a warning. The same partial and the same script serve every such text; only the words differ.
/// </summary>
public sealed record IdentifierCheckBox(
    string Field,
    string? Text,
    IReadOnlyList<IdentifierFinding> Findings,
    FormText Words,
    string Heading,
    string BlockingExplained,
    bool Confirmed)
{
    /// <summary>Every finding is a warning: only then may the writer confirm that the text identifies no one.</summary>
    public bool MayConfirm => Findings.Count > 0 && Findings.All(f => !f.Blocking);

    /// <summary>"…text before [found] text after…" for a finding, so the writer sees where it is.</summary>
    public (string Before, string Found, string After) Excerpt(IdentifierFinding finding) => ExcerptOf(Text ?? string.Empty, finding);

    public static (string Before, string Found, string After) ExcerptOf(string text, IdentifierFinding finding)
    {
        var from = Math.Max(0, finding.Start - 25);
        var to = Math.Min(text.Length, finding.End + 25);
        return ((from > 0 ? "…" : string.Empty) + text[from..finding.Start], text[finding.Start..finding.End], text[finding.End..to] + (to < text.Length ? "…" : string.Empty));
    }

    /// <summary>
    /// A no-script "replace" button's post (<c>start:end</c>): the text with that finding replaced by its
    /// placeholder, if the check itself reports a finding there (anything else changes nothing).
    /// </summary>
    public static string Replace(IdentifierScanner scanner, string? text, string range)
    {
        text ??= string.Empty;
        var parts = range.Split(':');
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var start) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var end)
            && scanner.Scan(text).FirstOrDefault(f => f.Start == start && f.End == end) is { } finding
            ? text[..start] + IdentifierKinds.Placeholder(finding.Kind) + text[end..]
            : text;
    }
}
