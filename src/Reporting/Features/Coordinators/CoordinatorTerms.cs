using System.Linq.Expressions;
using FluentValidation;

namespace Reporting.Features.Coordinators;

/// <summary>
/// An account's terms (<c>coordinator add --until --administration --role</c>): checked the same way
/// for a password account and a single sign-on one, applied to the account, and said in the audit line.
/// </summary>
public static class CoordinatorTerms
{
    public static void Validate<T>(
        AbstractValidator<T> validator, Expression<Func<T, string?>> administration, Expression<Func<T, string?>> role, Administrations.AdministrationCatalogue administrations)
    {
        var roleOf = role.Compile();
        validator.RuleFor(role)
            .Must(r => r is null || CoordinatorRoles.All.Contains(r))
            .WithMessage($"--role must be one of {string.Join(", ", CoordinatorRoles.All)}.");
        validator.RuleFor(administration).Cascade(CascadeMode.Stop)
            .Must(code => code is null || administrations.Find(code) is not null)
            .WithMessage($"--administration must be one of {string.Join(", ", administrations.All.Select(a => a.Code))} (administration list).")
            .Must((command, code) => code is not null || !administrations.AreSeveral || roleOf(command) == CoordinatorRoles.City)
            .WithMessage("--administration is needed: several administrations are configured (administration list).")
            .Must((command, code) => code is null || roleOf(command) != CoordinatorRoles.City)
            .WithMessage("--administration does not go with --role city: the city's coordinators follow every administration.");
    }

    public static void Apply(CoordinatorAccount account, DateOnly? until, string? administration, string? role, Administrations.AdministrationCatalogue administrations)
    {
        account.AccessUntil = until;
        account.Role = role ?? CoordinatorRoles.Coordinator;
        account.Administration = administrations.Find(administration) is { } found ? administrations.Stored(found) : null;
    }

    /// <summary>", förvaltning norrmalm, ersättare till och med 2026-12-31", or nothing for a coordinator of a single deployment without an end.</summary>
    public static string Describe(CoordinatorAccount account) =>
        (account.Role == CoordinatorRoles.City ? ", stadens samordnare" : string.Empty)
        + (account.Administration is { } code ? $", förvaltning {code}" : string.Empty)
        + (account.AccessUntil is { } last ? $", ersättare till och med {last:yyyy-MM-dd}" : string.Empty);
}
