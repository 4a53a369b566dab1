using Microsoft.AspNetCore.Mvc.RazorPages;
using Reporting.Pipeline;

namespace Reporting.Pages.Samordnare;

/// <summary>What every coordinator page shares: field errors from a use case's validation, first message per field.</summary>
public abstract class CoordinatorPage : PageModel
{
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    protected void ShowErrors(RequestValidationException exception)
    {
        foreach (var (field, messages) in exception.Errors)
        {
            Errors.TryAdd(field, messages.FirstOrDefault() ?? "Ogiltigt värde.");
        }
    }

    public string FieldClass(string field) => Errors.ContainsKey(field) ? "field field--error" : "field";
}
