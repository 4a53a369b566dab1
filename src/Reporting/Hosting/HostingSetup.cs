using Mediator;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Serialization;
using Reporting.Pipeline;

namespace Reporting.Hosting;

/// <summary>The cross-cutting set-up that Program.cs lists: hosting, logging, JSON, errors, health, API docs.</summary>
public static class HostingSetup
{
    public static WebApplicationBuilder AddReportingHosting(this WebApplicationBuilder builder, bool isAdminVerb)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 256 * 1024;
        });
        if (isAdminVerb)
        {
            // stdout belongs to the verb's result (JSON); logs go to stderr.
            builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        builder.Services.PostConfigure<LoggerFilterOptions>(QuietFrameworkLogs.Apply);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ReportingJsonContext.Default));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddHealthChecks().AddDbContextCheck<ReportingDbContext>("database", tags: ["ready"]);
        builder.Services.AddRateLimits();
        builder.Services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    public static IServiceCollection AddMessagePipeline(this IServiceCollection services)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(MessageLoggingBehavior<,>), typeof(ValidationBehavior<,>)];
        });
        FluentValidation.ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        return services.AddValidatorsOfTheAssembly();
    }

    /// <summary>
    /// Every validator of a message (a class implementing <c>IValidator&lt;T&gt;</c>) is registered once
    /// from here, so a new one cannot be forgotten: the pipeline's <see cref="ValidationBehavior{TMessage, TResponse}"/> runs it.
    /// </summary>
    public static IServiceCollection AddValidatorsOfTheAssembly(this IServiceCollection services)
    {
        foreach (var type in typeof(HostingSetup).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var validated in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(FluentValidation.IValidator<>)))
            {
                services.AddSingleton(validated, type);
            }
        }

        return services;
    }

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddOpenApi();
        return services;
    }

    /// <summary>Validates configuration, loads the keys and brings the database up before anything is served.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        _ = app.Services.GetRequiredService<KeyRing>();
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        foreach (var step in app.Services.GetServices<IStartupStep>())
        {
            await step.RunAsync(app.Lifetime.ApplicationStopping);
        }
    }

    public static WebApplication UseReportingPipeline(this WebApplication app)
    {
        // First, so that every answer (error answers too) carries the security headers.
        app.UseSecurityHeaders();
        var proxies = app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value.KnownProxies;
        if (proxies.Count > 0)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }

            app.UseForwardedHeaders(forwarded);
        }

        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // The handler logs the exception type itself; the default would log the message too.
            SuppressDiagnosticsCallback = _ => true,
        });
        // An empty error answer becomes problem details, or for a browser's mistyped address a page in Swedish.
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            if (Pages.NotFoundPage.IsForBrowser(context))
            {
                await Pages.NotFoundPage.WriteAsync(context);
                return;
            }

            await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = context.Response.StatusCode },
            });
        });
        // Before authorisation: the form's stylesheet and script are for everyone.
        app.UseStaticFiles();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        return app;
    }
}

/// <summary>
/// Which start-up failures are an operator's configuration mistake, and how to say so in one line.
/// Anything else (a database that cannot be reached, a bug) is printed whole, with its stack trace.
/// </summary>
public static class StartupFailure
{
    public static bool IsConfigurationProblem(Exception exception) => exception switch
    {
        OptionsValidationException or KeyMismatchException or ConfigurationException => true,
        // A value the configuration binder cannot convert ("Smtp:Security": "Carrier-pigeon").
        InvalidOperationException when exception.Source == "Microsoft.Extensions.Configuration.Binder" => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsConfigurationProblem),
        _ => false,
    };

    public static string Describe(Exception exception) => exception switch
    {
        OptionsValidationException options => string.Join(" ", options.Failures),
        AggregateException aggregate => string.Join(" ", aggregate.InnerExceptions.Select(Describe)),
        _ => exception.Message,
    };
}
