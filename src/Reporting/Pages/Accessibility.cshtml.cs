using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Reporting.Pages;

/// <summary>
/// "Tillgänglighetsredogörelse" at <c>/tillganglighet</c>, in the structure DIGG prescribes (lagen om
/// tillgänglighet till digital offentlig service): how accessible the service is, what is not and why,
/// how to report a problem (<c>Organisation:Contact</c>), how to complain to DIGG, and how it was tested.
/// </summary>
public sealed class AccessibilityModel(Features.Organisation.OrganisationProfile organisation) : PageModel
{
    /// <summary>The day this statement was last reviewed against the service (with the tests that check it).</summary>
    public const string ReviewedOn = "2026-12-06";

    public Features.Organisation.OrganisationProfile Organisation => organisation;
}
