using System.ComponentModel.DataAnnotations;

namespace Reporting.Infrastructure.Persistence;

/// <summary>The group-commit writer's limits (docs/decisions/0004).</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "Intake";

    /// <summary>Reports waiting for the writer; beyond this, intake answers 503 with Retry-After.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Intake:QueueCapacity must be between 1 and 1000000.")]
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>Reports stored in one transaction at most.</summary>
    [Range(1, 10_000, ErrorMessage = "Intake:MaxBatchSize must be between 1 and 10000.")]
    public int MaxBatchSize { get; set; } = 256;
}
