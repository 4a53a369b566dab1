using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Features.Summaries;
using Reporting.Tests.Support;

namespace Reporting.Tests.Infrastructure.Persistence;

[TestFixture]
public sealed class BackupTests
{
    [Test]
    public async Task ABackupTakenWhileRunningRestoresToAWorkingService()
    {
        using var folder = new TempFolder();
        using var restored = new TempFolder();
        var backupFile = folder.File("backups", "reporting-copy.db");
        using (var host = new ReportingHost(folder.Path))
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.That((await host.SubmitAsync(SampleReports.Valid("Rapport om Xylografens klistermärken."))).StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            // One report with a photo: the backup holds it, sealed as in the database.
            using var photo = new System.Net.Http.ByteArrayContent(Features.Photos.TestImages.Jpeg(320, 240));
            photo.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            using var form = new System.Net.Http.MultipartFormDataContent
            {
                { new System.Net.Http.StringContent(System.Text.Json.JsonSerializer.Serialize(SampleReports.Valid()), Encoding.UTF8, "application/json"), "report" },
                { photo, "photos", "foto.jpg" },
            };
            using (var client = host.CreateClient())
            using (var withPhoto = await client.PostAsync("/api/reports", form))
            {
                Assert.That(withPhoto.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            // Taken while the service holds the database open.
            var result = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "backup", "--out", backupFile);
            Assert.That(result.ExitCode, Is.Zero, result.Error);
            Assert.That(result.Output, Does.Contain("4 reports").And.Contain("key"));
        }

        Assert.That(Encoding.UTF8.GetString(File.ReadAllBytes(backupFile)), Does.Not.Contain("Xylografens"), "content stays encrypted in the copy");
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(backupFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "the copy is the owner's only");
        }

        // Restore: the copy as the database, and the key that belongs to it.
        File.Copy(backupFile, restored.File("reporting.db"));
        Directory.CreateDirectory(restored.File("keys"));
        File.Copy(folder.File("keys", "reporting.key"), restored.File("keys", "reporting.key"));
        using var restoredHost = new ReportingHost(restored.Path);
        using var scope = restoredHost.Services.CreateScope();
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm"));
        var summary = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new BuildQuarterSummaryQuery("test", Quarter.Of(DateOnly.FromDateTime(today.DateTime))));
        Assert.That(summary.Total, Is.EqualTo(4));
        var db = scope.ServiceProvider.GetRequiredService<Reporting.Infrastructure.Persistence.ReportingDbContext>();
        var stored = db.Photos.Single();
        var jpeg = scope.ServiceProvider.GetRequiredService<Reporting.Features.Reports.ReportSealer>().OpenPhoto(db.Reports.Single(r => r.Id == stored.ReportId), stored);
        using (var restoredPhoto = SkiaSharp.SKBitmap.Decode(jpeg))
        {
            Assert.That(restoredPhoto.Width, Is.EqualTo(320), "the photo is in the backup and opens with the key");
        }

        Assert.That((await restoredHost.SubmitAsync(SampleReports.Valid())).StatusCode, Is.EqualTo(HttpStatusCode.Created), "the restored service takes reports");
    }

    [Test]
    public async Task ABackupNeverOverwritesAFile()
    {
        using var folder = new TempFolder();
        var existing = folder.File("already-there.db");
        await File.WriteAllTextAsync(existing, "keep me");

        var result = await ServiceProcess.RunAsync(ServiceProcess.EnvironmentFor(folder), "backup", "--out", existing);

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("exists"));
        Assert.That(await File.ReadAllTextAsync(existing), Is.EqualTo("keep me"));
    }
}
