using Reporting.Benchmarks;

// dotnet run -c Release --project bench/Reporting.Benchmarks -- [identifiers] [intake] [alerts] [scale] [--seconds N] [--sizes 10000,100000] [--no-postgres]
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

// The scale suite's children: seed a database, or measure one in a process of its own (ScaleBenchmark).
if (args is ["scale-seed", "--reports", var reports, ..])
{
    return await Reporting.Benchmarks.Scale.ScaleSeeder.RunAsync(Reporting.Benchmarks.Scale.ScaleDatabase.FromArguments(args), int.Parse(reports, System.Globalization.CultureInfo.InvariantCulture), args.Contains("--one-quarter"));
}

if (args is ["scale-measure", "--mode", var mode, "--seconds", var budget, ..])
{
    return await Reporting.Benchmarks.Scale.ScaleMeasurement.RunAsync(Reporting.Benchmarks.Scale.ScaleDatabase.FromArguments(args), mode, TimeSpan.FromSeconds(double.Parse(budget, System.Globalization.CultureInfo.InvariantCulture)), pdfOnly: args.Contains("--pdf-only"));
}

// The identifier check's quality on a labelled file (the development corpus's format), no thresholds.
if (args is ["quality", var corpus])
{
    return IdentifierQuality.Run(corpus);
}

var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(5);
// Suites are the words that are neither options nor an option's value.
var suites = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] is not ("--seconds" or "--sizes" or "--administrations" or "--per"))).ToArray();
if (suites.Length == 0)
{
    suites = ["identifiers", "intake", "alerts", "photos", "scale"];
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
        case "alerts":
            await AlertBurstBenchmark.RunAsync(reports: 500);
            break;
        case "photos":
            await PhotoBenchmark.RunAsync(TimeSpan.FromSeconds(seconds));
            break;
        case "scale" when args.SkipWhile(a => a != "--administrations").Skip(1).FirstOrDefault() is { } count:
            // Several förvaltningar: --administrations 18 [--per 50000] against one administration alone.
            var per = args.SkipWhile(a => a != "--per").Skip(1).Select(int.Parse).FirstOrDefault(50_000);
            await Reporting.Benchmarks.Scale.AdministrationsBenchmark.RunAsync(TimeSpan.FromSeconds(seconds), int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), per, postgres: !args.Contains("--no-postgres"));
            break;
        case "scale":
            // --sizes 10000,100000 (the default); --no-postgres to measure SQLite only.
            var sizes = args.SkipWhile(a => a != "--sizes").Skip(1).Select(s => s.Split(',').Select(int.Parse).ToArray()).FirstOrDefault([10_000, 100_000]);
            await Reporting.Benchmarks.Scale.ScaleBenchmark.RunAsync(TimeSpan.FromSeconds(seconds), sizes, postgres: !args.Contains("--no-postgres"));
            break;
        default:
            Console.Error.WriteLine($"unknown suite '{suite}'; known: identifiers, intake, alerts, photos, scale");
            return 2;
    }
}

return 0;
