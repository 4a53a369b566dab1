using System.Diagnostics;

namespace Reporting.Tests.Support;

/// <summary>
/// A Debian tool a test needs (pdftotext, zbarimg, exiftool): run it and return its exit code, its
/// output and its errors apart. Missing, the test fails in CI (CI=true) and is skipped elsewhere, naming the package.
/// </summary>
public static class RequiredTool
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string tool, string package, params string[] arguments)
    {
        if (!File.Exists(tool))
        {
            var message = $"{tool} is missing: install {package} (apt-get install {package}); .ci/run does.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
        }

        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
