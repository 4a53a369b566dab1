using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Features.Photos;

/// <summary>A report's photo as the coordinator sees it: the cleaned JPEG, opened with the report's key. Each view is audited.</summary>
public sealed record GetPhotoQuery(string Actor, Guid ReportId, Guid PhotoId) : IQuery<byte[]?>;

public sealed class GetPhotoHandler(ReportingDbContext db, ReportSealer sealer, AuditLog audit) : IQueryHandler<GetPhotoQuery, byte[]?>
{
    public async ValueTask<byte[]?> Handle(GetPhotoQuery query, CancellationToken cancellationToken)
    {
        var report = await db.Reports.SingleOrDefaultAsync(r => r.Id == query.ReportId, cancellationToken);
        var photo = report is null ? null : await db.Photos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.PhotoId && p.ReportId == report.Id, cancellationToken);
        if (report is null || photo is null)
        {
            return null;
        }

        await audit.AppendNowAsync(db, query.Actor, AuditActions.PhotoViewed, report, $"foto {photo.Number}", cancellationToken: cancellationToken);
        return sealer.OpenPhoto(report, photo);
    }
}

/// <summary>A photo as the report JSON lists it; <see cref="RedactedFrom"/> names the photo a redacted copy was made from.</summary>
public sealed record ReportPhotoView(Guid Id, int Number, int Width, int Height, Guid? RedactedFrom);
