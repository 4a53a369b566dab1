using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Reporting.Features.Identifiers;

/// <summary>The 422 answer to a text (a description, a message, an assessment) that still identifies someone: the field, kinds and offsets, never the text.</summary>
public static class IdentifiersProblem
{
    public const string Type = "https://reporting.invalid/problems/identifiers-found";

    public static ProblemHttpResult For(IReadOnlyList<IdentifierFinding> findings, string field = "description")
    {
        var blocking = findings.Any(f => f.Blocking);
        var problem = new ProblemDetails
        {
            Type = Type,
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = field == "description" ? "The description may identify someone." : $"The text in {field} may identify someone.",
            Detail = blocking
                ? "Remove the personnummer, samordningsnummer, phone numbers, e-mail and IP addresses marked in findings; they cannot be confirmed."
                : "Remove what is marked in findings, or confirm that it identifies no one (confirmNoIdentifiers).",
            Extensions = { ["field"] = field, ["findings"] = findings },
        };
        return TypedResults.Problem(problem);
    }
}
