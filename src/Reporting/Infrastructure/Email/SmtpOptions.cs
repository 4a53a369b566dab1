using System.ComponentModel.DataAnnotations;

namespace Reporting.Infrastructure.Email;

public enum SmtpSecurity
{
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

public sealed class SmtpOptions : IValidatableObject
{
    public const string SectionName = "Smtp";

    /// <summary>Empty: mail is written to Notifications:PickupDirectory as .eml files instead.</summary>
    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "Smtp:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>A password never crosses the network in clear: with a user name, the connection must be encrypted.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Username) && Security == SmtpSecurity.None)
        {
            yield return new ValidationResult("Smtp:Security must be StartTls, SslOnConnect or Auto (which then requires STARTTLS) when Smtp:Username is set: the password would cross the network in clear.");
        }
    }
}
