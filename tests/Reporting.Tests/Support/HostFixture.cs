namespace Reporting.Tests.Support;

/// <summary>One in-process service per fixture, over its own temp folder, with a client.</summary>
public abstract class HostFixture
{
    protected TempFolder Folder { get; private set; } = null!;

    protected ReportingHost Host { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        Folder = new TempFolder();
        Host = new ReportingHost(Folder.Path);
        Client = Host.CreateClient();
    }

    [OneTimeTearDown]
    public void StopHost()
    {
        Client.Dispose();
        Host.Dispose();
        Folder.Dispose();
    }
}
