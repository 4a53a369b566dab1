namespace Reporting.Features.Identifiers;

/// <summary>
/// The description's rules, the one verdict every typed text gets (reports, messages, replies, survey
/// comments, the lägesbild, records requests): a blocking kind (personnummer, phone, e-mail, IP) is
/// refused whatever the sender says; any other finding needs the sender to confirm that the text
/// identifies no one.
/// </summary>
public static class IdentifierVerdict
{
    public static bool Refuses(IReadOnlyList<IdentifierFinding> findings, bool? confirmed) =>
        findings.Any(f => f.Blocking) || (findings.Count > 0 && confirmed != true);

    /// <summary>The check's findings when they stop the text; null when it may be stored. Reads the text as posted, so offsets are the sender's own.</summary>
    public static IReadOnlyList<IdentifierFinding>? RefusedBy(this IdentifierScanner identifiers, string text, bool? confirmed)
    {
        var findings = identifiers.Scan(text);
        return Refuses(findings, confirmed) ? findings : null;
    }
}
