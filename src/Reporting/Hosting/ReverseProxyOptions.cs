using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Reporting.Hosting;

/// <summary>
/// Reverse proxies whose X-Forwarded-For/-Proto headers are believed. Empty (the default): none
/// are, so a client cannot pick its own address for the rate limits or pretend to be on HTTPS.
/// </summary>
public sealed class ReverseProxyOptions : IValidatableObject
{
    public const string SectionName = "ReverseProxy";

    public List<string> KnownProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i], out _))
            {
                yield return new ValidationResult($"ReverseProxy:KnownProxies:{i} is not an IP address.");
            }
        }
    }
}
