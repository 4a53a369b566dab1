using System.ComponentModel.DataAnnotations;

namespace Reporting.Features.Coordinators;

public sealed class CoordinatorOptions
{
    public const string SectionName = "Coordinators";

    /// <summary>A session ends this long after sign-in, however active it is (a sliding idle timeout alone never ends a busy session).</summary>
    [Range(0.01, 168, ErrorMessage = "Coordinators:SessionMaxHours must be between 0.01 and 168.")]
    public double SessionMaxHours { get; set; } = 10;
}
