using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Reporting.Features.Audit;
using Reporting.Features.Reports;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;
using SkiaSharp;

namespace Reporting.Features.Photos;

/// <summary>A rectangle of a photo in its pixels (the stored, cleaned image's), from the top left.</summary>
public sealed record PhotoBox(int? X, int? Y, int? Width, int? Height);

public sealed record RedactPhotoRequest(IReadOnlyList<PhotoBox>? Boxes) : IStrictJsonBody<RedactPhotoRequest>
{
    public static JsonTypeInfo<RedactPhotoRequest> JsonTypeInfo => ReportingJsonContext.Default.RedactPhotoRequest;
}

/// <summary>
/// A redacted copy of a photo for forwarding: the boxes filled black in the pixels themselves (not an
/// overlay a viewer could remove), encoded anew as a photo of its own. The original is kept unchanged.
/// </summary>
public sealed record RedactPhotoCommand(string Actor, Guid ReportId, Guid PhotoId, IReadOnlyList<PhotoBox>? Boxes) : ICommand<Guid?>;

public sealed class RedactPhotoValidator : AbstractValidator<RedactPhotoCommand>
{
    public const int MaxBoxes = 50;

    public RedactPhotoValidator()
    {
        RuleFor(c => c.Boxes).NotEmpty().WithMessage("Markera minst ett område att maskera.")
            .Must(boxes => boxes is null || boxes.Count <= MaxBoxes).WithMessage($"Högst {MaxBoxes} områden.");
        RuleForEach(c => c.Boxes).ChildRules(box =>
        {
            box.RuleFor(b => b.X).NotNull().GreaterThanOrEqualTo(0).WithMessage("Ange x som ett tal från 0.");
            box.RuleFor(b => b.Y).NotNull().GreaterThanOrEqualTo(0).WithMessage("Ange y som ett tal från 0.");
            box.RuleFor(b => b.Width).NotNull().GreaterThan(0).WithMessage("Ange bredden som ett tal större än 0.");
            box.RuleFor(b => b.Height).NotNull().GreaterThan(0).WithMessage("Ange höjden som ett tal större än 0.");
        });
    }
}

public sealed class RedactPhotoHandler(ReportingDbContext db, ReportSealer sealer, AuditLog audit) : ICommandHandler<RedactPhotoCommand, Guid?>
{
    private const int JpegQuality = 90;

    public async ValueTask<Guid?> Handle(RedactPhotoCommand command, CancellationToken cancellationToken)
    {
        var report = await db.Reports.SingleOrDefaultAsync(r => r.Id == command.ReportId, cancellationToken);
        var source = report is null ? null : await db.Photos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.PhotoId && p.ReportId == report.Id, cancellationToken);
        if (report is null || source is null)
        {
            return null;
        }

        var boxes = command.Boxes!;
        for (var i = 0; i < boxes.Count; i++)
        {
            var box = boxes[i];
            if (box.X + box.Width > source.Width || box.Y + box.Height > source.Height)
            {
                throw RequestValidationException.For($"boxes[{i}]", $"Området går utanför bilden, som är {source.Width} × {source.Height} bildpunkter.");
            }
        }

        var jpeg = Redacted(sealer.OpenPhoto(report, source), boxes);
        var number = await db.Photos.Where(p => p.ReportId == report.Id).MaxAsync(p => p.Number, cancellationToken) + 1;
        var copy = source.RedactedCopy(RandomIds.NewGuid(), number);
        copy.Content = sealer.SealPhoto(report, copy.Id, jpeg);
        db.Photos.Add(copy);
        audit.Append(db, command.Actor, AuditActions.PhotoRedacted, report, $"foto {number} av foto {source.Number}, {boxes.Count} områden");
        await db.SaveChangesAsync(cancellationToken);
        return copy.Id;
    }

    private static byte[] Redacted(byte[] jpeg, IReadOnlyList<PhotoBox> boxes)
    {
        using var bitmap = SKBitmap.Decode(jpeg) ?? throw new InvalidOperationException("A stored photo could not be decoded.");
        using (var canvas = new SKCanvas(bitmap))
        using (var black = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Fill, IsAntialias = false })
        {
            foreach (var box in boxes)
            {
                canvas.DrawRect(SKRect.Create(box.X!.Value, box.Y!.Value, box.Width!.Value, box.Height!.Value), black);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return encoded.ToArray();
    }
}
