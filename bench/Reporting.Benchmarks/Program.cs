using Reporting.Benchmarks;

// dotnet run -c Release --project bench/Reporting.Benchmarks -- [identifiers] [intake] [pdf] [--seconds N]
if (args is ["echo-server", var port])
{
    await EchoServer.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(5);
var suites = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)).ToArray();
if (suites.Length == 0)
{
    suites = ["identifiers", "intake", "pdf"];
}

Console.WriteLine($"Reporting benchmarks · {Environment.ProcessorCount} cores · .NET {Environment.Version} · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
foreach (var suite in suites)
{
    switch (suite)
    {
        case "identifiers":
            IdentifierCheckBenchmark.Run(TimeSpan.FromSeconds(seconds));
            break;
        case "intake":
            await IntakeBenchmark.RunAsync(TimeSpan.FromSeconds(seconds));
            break;
        case "pdf":
            await PdfBenchmark.RunAsync();
            break;
        default:
            Console.Error.WriteLine($"unknown suite '{suite}'; known: identifiers, intake, pdf");
            return 2;
    }
}

return 0;
