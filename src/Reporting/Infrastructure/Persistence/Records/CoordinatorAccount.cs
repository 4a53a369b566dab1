using Microsoft.AspNetCore.Identity;

namespace Reporting.Infrastructure.Persistence.Records;

/// <summary>
/// A coordinator's sign-in account (ASP.NET Core Identity). The e-mail address is also where
/// alerts go. The authenticator key is stored sealed and recovery codes as hashes
/// (see Features/Coordinators/CoordinatorStore.cs).
/// </summary>
public sealed class CoordinatorAccount : IdentityUser
{
    /// <summary>The day the account was created from the command line.</summary>
    public DateOnly CreatedOn { get; set; }

    /// <summary>True once the person has set a password and enrolled an authenticator.</summary>
    public bool IsEnrolled { get; set; }
}
