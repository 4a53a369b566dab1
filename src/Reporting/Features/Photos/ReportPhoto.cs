using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Reports;

namespace Reporting.Features.Photos;

/// <summary>
/// A photo of a report as kept: the cleaned JPEG (<see cref="PhotoCleaner"/>), sealed with the report's
/// data key and bound to the photo's own id, padded so its length says little about the picture. A
/// coordinator's redacted copy (regions blacked out, for forwarding) is a photo of its own that names
/// the one it was made from; the original stays as it was received.
/// </summary>
public sealed class ReportPhoto
{
    public const string TableName = "ReportPhotos";

    private ReportPhoto()
    {
    }

    public Guid Id { get; private set; }

    public Guid ReportId { get; private set; }

    /// <summary>1, 2, 3 … in the order they came (copies after the originals).</summary>
    public int Number { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>For a redacted copy, the photo it was made from; null for a photo as the reporter sent it.</summary>
    public Guid? RedactedFrom { get; private set; }

    public byte[] Content { get; set; } = [];

    public bool IsOriginal => RedactedFrom is null;

    public static ReportPhoto Original(Guid id, Guid reportId, int number, int width, int height) =>
        new() { Id = id, ReportId = reportId, Number = number, Width = width, Height = height };

    public ReportPhoto RedactedCopy(Guid id, int number) =>
        new() { Id = id, ReportId = ReportId, Number = number, Width = Width, Height = Height, RedactedFrom = Id };
}

/// <summary>How <see cref="ReportPhoto"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class ReportPhotoConfiguration : IEntityTypeConfiguration<ReportPhoto>
{
    public void Configure(EntityTypeBuilder<ReportPhoto> photo)
    {
        photo.ToTable(Features.Photos.ReportPhoto.TableName);
        photo.HasKey(p => p.Id);
        photo.HasIndex(p => new { p.ReportId, p.Number }).IsUnique();
        photo.HasOne<Report>().WithMany().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
