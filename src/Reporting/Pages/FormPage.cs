using Microsoft.AspNetCore.Mvc.RazorPages;
using Reporting.Pipeline;

namespace Reporting.Pages;

/// <summary>What every page with a form shares: its field errors (first message per field), the CSS class of a field, and what an empty box means.</summary>
public abstract class FormPage : PageModel
{
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string FieldClass(string field) => Errors.ContainsKey(field) ? "field field--error" : "field";

    /// <summary>A use case's validation failure as field errors; <paramref name="words"/> may put a message in the page's language.</summary>
    protected void ShowErrors(RequestValidationException exception, Func<string, string, string>? words = null)
    {
        foreach (var (field, messages) in exception.Errors)
        {
            var name = field.Split('[')[0];
            var message = messages.FirstOrDefault() ?? "Ogiltigt värde.";
            Errors.TryAdd(name, words is null ? message : words(name, message));
        }
    }

    /// <summary>An empty or blank box means "not given", as an absent JSON property does.</summary>
    protected static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
