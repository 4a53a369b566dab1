namespace Reporting.Tests.Support;

/// <summary>
/// One in-process service per fixture, over its own temp folder, with a client. Fixtures that
/// take a provider run once on SQLite and once on a fresh PostgreSQL database.
/// </summary>
public abstract class HostFixture(string provider = "Sqlite")
{
    protected string Provider { get; } = provider;

    protected TempFolder Folder { get; private set; } = null!;

    protected ReportingHost Host { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        Folder = new TempFolder();
        Host = new ReportingHost(Folder.Path, await ReportingHost.SettingsForAsync(Provider));
        Client = Host.CreateClient();
    }

    [OneTimeTearDown]
    public void StopHost()
    {
        Client?.Dispose();
        Host?.Dispose();
        Folder?.Dispose();
    }
}
