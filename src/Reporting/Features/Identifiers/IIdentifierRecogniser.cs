namespace Reporting.Features.Identifiers;

/// <summary>
/// Finds one family of identifiers. A candidate carries a confidence so that, where two
/// recognisers claim the same characters (a ten-digit number can be a phone number and a
/// personnummer), the scanner keeps the likelier reading.
/// </summary>
public interface IIdentifierRecogniser
{
    void Find(string text, List<Candidate> candidates);
}

/// <summary>A recogniser's claim on a stretch of text.</summary>
public readonly record struct Candidate(string Kind, int Start, int End, double Confidence);
