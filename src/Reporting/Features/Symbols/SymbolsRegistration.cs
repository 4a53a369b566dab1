namespace Reporting.Features.Symbols;

public static class SymbolsRegistration
{
    /// <summary>The symbol catalogue, from <c>Symbols</c> (a list at the configuration's root) or the built-in list.</summary>
    public static IServiceCollection AddSymbols(this IServiceCollection services)
    {
        services.AddOptions<SymbolsOptions>()
            .Configure<IConfiguration>((options, configuration) =>
                options.Entries = configuration.GetSection(SymbolsOptions.SectionName).Get<List<SymbolEntry>>() ?? [])
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SymbolCatalogue>();
        return services;
    }

    public static void MapSymbols(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/symbols", (SymbolCatalogue catalogue) => TypedResults.Ok(catalogue.All))
            .AllowAnonymous()
            .WithTags("Symbols")
            .WithName("ListSymbols")
            .WithSummary("The catalogue of symbols a report may name: code, name and the environment it is usually associated with.");
}
