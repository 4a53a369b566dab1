using System.ComponentModel.DataAnnotations;

namespace Reporting.Features.Photos;

/// <summary><c>Attachments:*</c>: the photos a report may carry.</summary>
public sealed class AttachmentsOptions
{
    public const string SectionName = "Attachments";

    /// <summary>False: the form has no photo field and the API refuses photos.</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 10, ErrorMessage = "Attachments:MaxPhotos must be between 1 and 10.")]
    public int MaxPhotos { get; set; } = 3;

    /// <summary>The largest upload of one photo, in bytes.</summary>
    [Range(10_000, 50 * 1024 * 1024, ErrorMessage = "Attachments:MaxBytes must be between 10000 and 52428800.")]
    public int MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The largest request that may carry photos: every photo at its largest, and the report.</summary>
    public long MaxRequestBytes => ((long)MaxPhotos * MaxBytes) + (256 * 1024);
}
