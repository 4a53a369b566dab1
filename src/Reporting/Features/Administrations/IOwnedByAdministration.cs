namespace Reporting.Features.Administrations;

/// <summary>
/// A record there is one of per administration and year (the staff survey, the situation picture):
/// its administration is a column that is never null, so "one per year" can be a unique index. An
/// empty value is the one administration of a deployment without several; when several are
/// configured, <see cref="AdministrationStamping"/> gives such rows the home administration's code
/// at start. The context stamps a new row from the request's scope and filters by it (ADR 19).
/// </summary>
public interface IOwnedByAdministration
{
    string Administration { get; set; }
}
