using Reporting.CommandLine;
using Reporting.Features.Administrations;
using Reporting.Features.Audit;
using Reporting.Features.City;
using Reporting.Features.Coordinators.Passkeys;
using Reporting.Features.Coordinators;
using Reporting.Features.FollowUp;
using Reporting.Features.Identifiers;
using Reporting.Features.Notifications;
using Reporting.Features.Organisation;
using Reporting.Features.Photos;
using Reporting.Features.Records;
using Reporting.Features.Reports;
using Reporting.Features.Retention;
using Reporting.Features.SituationPictures;
using Reporting.Features.Summaries;
using Reporting.Features.Surveys;
using Reporting.Features.Symbols;
using Reporting.Hosting;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Storage;
using Reporting.Infrastructure.Telemetry;
using Reporting.Pages;

// The same executable serves HTTP or runs one admin verb (see Infrastructure/CommandLine).
var isAdminVerb = AdminCommandLine.IsAdminInvocation(args);
// Settings are validated once at start, so nothing watches the content root for changes (a watcher
// there would wake on every database and mail-pickup write below it).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. isAdminVerb ? [] : args, "--hostBuilder:reloadConfigOnChange=false"] });

builder.AddReportingHosting(isAdminVerb);
builder.Services.AddStorage();
builder.Services.AddEncryption();
builder.Services.AddPersistence(builder.Configuration);
builder.Services.AddIntakeWriter();
builder.Services.AddOrganisation();
builder.Services.AddAdministrations();
builder.Services.AddSymbols();
builder.Services.AddRecords();
builder.Services.AddMessagePipeline();
builder.Services.AddAudit();
builder.Services.AddIdentifierCheck();
builder.Services.AddReports();
builder.Services.AddPhotos();
builder.Services.AddFollowUp();
builder.Services.AddNotifications();
builder.Services.AddRetention();
builder.Services.AddSummaries();
builder.Services.AddSituationPictures();
builder.Services.AddSurveys();
builder.Services.AddCoordinators();
builder.Services.AddPasskeys();
builder.Services.AddSingleSignOn(builder.Configuration);
builder.Services.AddApiDocumentation();
builder.Services.AddPages();
builder.Services.AddTelemetry(builder.Configuration);

var app = builder.Build();

try
{
    await app.PrepareAsync();
}
catch (Exception exception) when (StartupFailure.IsConfigurationProblem(exception))
{
    // One line naming the setting; no stack trace for a configuration mistake.
    await Console.Error.WriteLineAsync($"Start refused: {StartupFailure.Describe(exception)}");
    return 1;
}
catch (Exception exception)
{
    // Not a setting: the whole exception, so whoever runs the service can see where it failed.
    await Console.Error.WriteLineAsync($"Start failed: {exception}");
    return 1;
}

if (isAdminVerb)
{
    return await AdminCommandLine.RunAsync(app.Services, args, Console.Out, Console.Error);
}

app.UseTelemetryPrivacy();
app.UsePhotoUploadLimit();
app.UseReportingPipeline();
app.UseCoordinatorSignIn();
app.UseAdministrationScope();
app.MapHealth();
app.MapTelemetry();
app.MapApiDocumentation();
app.MapIdentifierCheck();
app.MapReports().MapPhotos();
app.MapSymbols();
app.MapRecords();
app.MapRetention();
app.MapAudit();
app.MapFollowUp();
app.MapCoordinators();
app.MapPasskeys();
app.MapSingleSignOn();
app.MapSummaries();
app.MapCity();
app.MapSituationPictures();
app.MapSurveys();
app.MapPages();

await app.RunAsync();
return 0;
