using Reporting.Benchmarks;

// dotnet run -c Release --project bench/Reporting.Benchmarks -- [identifiers] [intake] [pdf] [--seconds N]
if (args is ["echo-server", var port])
{
    await EchoServer.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

// Load only, against a service already running (for profiling it with perf or dotnet-trace); with
// the server's process id, its CPU time per request is printed too:
// dotnet run -c Release --project bench/Reporting.Benchmarks -- load http://127.0.0.1:5080 64 10 [pid]
if (args is ["load", var url, var connections, var duration, ..] && args.Length <= 5)
{
    var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(IntakeBenchmark.Report());
    Func<TimeSpan>? serverCpu = args.Length == 5 ? () => ServerProcess.ReadCpuTime(int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)) : null;
    var result = await LoadGenerator.RunAsync(new Uri(new Uri(url), "/api/reports"), body, int.Parse(connections, System.Globalization.CultureInfo.InvariantCulture), IntakeBenchmark.WarmUp, TimeSpan.FromSeconds(int.Parse(duration, System.Globalization.CultureInfo.InvariantCulture)), serverCpu);
    Console.WriteLine($"{result.RequestsPerSecond:0} req/s, p50 {result.P50Ms:0.0} ms, p99 {result.P99Ms:0.0} ms, {result.Errors} errors, server CPU {result.ServerCpuMicrosecondsPerRequest:0} µs/request");
    return 0;
}

// The identifier check's quality on a labelled file (the development corpus's format), no thresholds.
if (args is ["quality", var corpus])
{
    return IdentifierQuality.Run(corpus);
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
