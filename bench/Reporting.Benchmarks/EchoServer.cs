using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Reporting.Benchmarks;

/// <summary>
/// The ceiling: a minimal Kestrel endpoint that reads the same JSON body and answers 201 with a
/// small JSON object, as the intake does, but stores nothing. Runs as its own process.
/// </summary>
public static class EchoServer
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/health/live", () => Results.Ok());
        app.MapPost("/api/reports", async (HttpRequest request) =>
        {
            using var document = await System.Text.Json.JsonDocument.ParseAsync(request.Body);
            return Results.Text("{\"receipt\":\"0000 0000 0000 0000\",\"receivedOn\":\"2026-11-27\"}", "application/json", statusCode: 201);
        });
        await app.RunAsync();
    }
}
