using Reporting.Features.Reports;

namespace Reporting.Pages.StaffForm;

/// <summary>A group of radio buttons for one closed list on the form.</summary>
public sealed record ChoiceGroup(string Field, string Legend, CodeList List, string? Selected, FormText Text, Dictionary<string, string> Errors);
