using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Reporting.Features.Identifiers;

/// <summary>The 422 answer to a report whose description still identifies someone: kinds and offsets, never the text.</summary>
public static class IdentifiersProblem
{
    public const string Type = "https://reporting.invalid/problems/identifiers-found";

    public static ProblemHttpResult For(IReadOnlyList<IdentifierFinding> findings)
    {
        var blocking = findings.Any(f => f.Blocking);
        var problem = new ProblemDetails
        {
            Type = Type,
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The description may identify someone.",
            Detail = blocking
                ? "Remove the personnummer, samordningsnummer, phone numbers, e-mail and IP addresses marked in findings; they cannot be confirmed."
                : "Remove what is marked in findings, or confirm that it identifies no one (confirmNoIdentifiers).",
            Extensions = { ["findings"] = findings },
        };
        return TypedResults.Problem(problem);
    }
}
