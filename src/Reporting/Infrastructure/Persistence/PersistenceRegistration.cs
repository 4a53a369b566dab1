using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reporting.Infrastructure.Storage;

namespace Reporting.Infrastructure.Persistence;

public static class PersistenceRegistration
{
    public const string ConnectionStringName = "Reporting";
    public const string DefaultSqliteConnectionString = "Data Source={DataDirectory}/reporting.db";

    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .Validate(
                o => o.IsSqlite || o.IsPostgreSql,
                $"Database:Provider must be '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.PostgreSql}'.")
            .Validate(
                o => !o.IsPostgreSql || !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName)),
                "ConnectionStrings:Reporting must be set when Database:Provider is PostgreSQL (for example Host=db;Database=reporting;Username=reporting;Password=…).")
            .ValidateOnStart();

        var provider = configuration[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)}"];
        if (string.Equals(provider, DatabaseOptions.PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            services.AddPooledDbContextFactory<PostgreSqlReportingDbContext>(options =>
                options.UseNpgsql(configuration.GetConnectionString(ConnectionStringName) ?? string.Empty));
            services.AddSingleton<IDbContextFactory<ReportingDbContext>, ReportingDbContextFactory<PostgreSqlReportingDbContext>>();
        }
        else
        {
            services.AddSingleton<SqlitePragmas>();
            services.AddPooledDbContextFactory<SqliteReportingDbContext>((provider, options) =>
            {
                var connectionString = ResolveSqliteConnectionString(configuration, provider.GetRequiredService<DataPaths>());
                options.UseSqlite(connectionString)
                    .AddInterceptors(provider.GetRequiredService<SqlitePragmas>());
            });
            services.AddSingleton<IDbContextFactory<ReportingDbContext>, ReportingDbContextFactory<SqliteReportingDbContext>>();
        }

        // A request's context sees the request's administration only (set after sign-in, read at each query).
        services.AddScoped<ReportingDbContext>(provider =>
        {
            var context = provider.GetRequiredService<IDbContextFactory<ReportingDbContext>>().CreateDbContext();
            context.LimitTo(provider.GetRequiredService<Features.Administrations.AdministrationScope>());
            return context;
        });
        services.AddSingleton<DatabaseSecrets>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<DatabaseBackup>();
        return services;
    }

    /// <summary>The single group-commit writer intake hands its reports to (ADR 4).</summary>
    public static IServiceCollection AddIntakeWriter(this IServiceCollection services)
    {
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WalCheckpointer>();
        services.AddSingleton<ReportWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<ReportWriter>());
        return services;
    }

    public static string ResolveSqliteConnectionString(IConfiguration configuration, DataPaths paths)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        var resolved = paths.Resolve(string.IsNullOrWhiteSpace(configured) ? DefaultSqliteConnectionString : configured);
        try
        {
            var builder = new SqliteConnectionStringBuilder(resolved);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                throw new OptionsValidationException(
                    "ConnectionStrings:Reporting", typeof(DatabaseOptions), ["ConnectionStrings:Reporting has no Data Source."]);
            }

            return builder.ToString();
        }
        catch (ArgumentException)
        {
            throw new OptionsValidationException(
                "ConnectionStrings:Reporting", typeof(DatabaseOptions), ["ConnectionStrings:Reporting is not a valid SQLite connection string."]);
        }
    }
}

/// <summary>Hands out the provider's derived context as the shared <see cref="ReportingDbContext"/>.</summary>
public sealed class ReportingDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<ReportingDbContext>
    where TContext : ReportingDbContext
{
    public ReportingDbContext CreateDbContext()
    {
        var context = inner.CreateDbContext();
        context.SeeEveryAdministration(); // pooled: a context last used by a request forgets its scope
        return context;
    }
}
