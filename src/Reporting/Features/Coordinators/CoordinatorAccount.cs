using Microsoft.AspNetCore.Identity;

namespace Reporting.Features.Coordinators;

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

    /// <summary>
    /// An account enrolled with a password may also sign in through the identity provider only once an
    /// administrator has said so (<c>coordinator allow-sso</c>): otherwise whoever controls an address
    /// at the provider could bind a password account to themselves. Accounts made for single sign-on
    /// (no password) need no such word.
    /// </summary>
    public bool SingleSignOnAllowed { get; set; }

    /// <summary>
    /// A deputy's (ersättare's) last day: after it the account cannot sign in, its open sessions end at
    /// the next security-stamp check, and it gets no alerts (<c>coordinator add --until</c>). Null for
    /// an account without an end.
    /// </summary>
    public DateOnly? AccessUntil { get; set; }

    /// <summary>The administration whose reports the account handles (a code of <c>Administrations</c>); null for the home administration.</summary>
    public string? Administration { get; set; }

    /// <summary><see cref="CoordinatorRoles.Coordinator"/> (handles reports) or <see cref="CoordinatorRoles.City"/> (the city's view: figures only, no report).</summary>
    public string Role { get; set; } = CoordinatorRoles.Coordinator;

    /// <summary>Whose audit log the account's own lines (sign-ins, enrolment) go into: its administration's, or the city's own for a city coordinator.</summary>
    public string? AuditLogOf => Role == CoordinatorRoles.City ? Features.Administrations.Administration.CityLog : Administration;

    /// <summary>Whether the account may be used on this day (the organisation's today).</summary>
    public bool HasAccessOn(DateOnly today) => AccessUntil is not { } last || today <= last;

    /// <summary>Whether the identity provider may sign this account in at all.</summary>
    public bool MayUseSingleSignOn => PasswordHash is null || SingleSignOnAllowed;
}
