namespace Reporting.Tests.Support;

/// <summary>
/// Files from ../shared beside the repository (the development corpus). Missing in CI is a
/// failure; missing elsewhere skips the test with the reason.
/// </summary>
public static class SharedData
{
    public static string PiiCorpus => Require(Path.Combine(ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory), "..", "shared", "data", "pii-dev.jsonl"));

    public static string Require(string path)
    {
        if (File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        var message = $"{Path.GetFullPath(path)} is missing (the shared folder beside the repository).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        return path;
    }
}
