using FluentValidation;
using Reporting.Features.Identifiers.Recognisers;

namespace Reporting.Features.Identifiers;

public static class IdentifiersRegistration
{
    public static IServiceCollection AddIdentifierCheck(this IServiceCollection services)
    {
        services.AddSingleton<IIdentifierRecogniser, PersonnummerRecogniser>();
        services.AddSingleton<IIdentifierRecogniser, PhoneRecogniser>();
        services.AddSingleton<IIdentifierRecogniser, EmailRecogniser>();
        services.AddSingleton<IIdentifierRecogniser, IpAddressRecogniser>();
        services.AddSingleton<IIdentifierRecogniser, StreetAddressRecogniser>();
        services.AddSingleton<IIdentifierRecogniser, PostalCodeRecogniser>();
        services.AddSingleton<IIdentifierRecogniser, PlateRecogniser>();
        services.AddSingleton<IIdentifierRecogniser, SocialMediaRecogniser>();
        services.AddSingleton<IdentifierScanner>();
        services.AddScoped<IValidator<CheckIdentifiersQuery>, CheckIdentifiersValidator>();
        return services;
    }

    public static RouteGroupBuilder MapIdentifierCheck(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/identifier-check").WithTags("Identifiers").AllowAnonymous();
        group.MapPost("/", CheckIdentifiersEndpoint.CheckIdentifiers)
            .WithName("CheckIdentifiers")
            .WithSummary("Finds what may identify a person in a text (offsets in UTF-16 code units).")
            .Accepts<CheckIdentifiersQuery>("application/json")
            .Produces<IdentifierCheckResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }
}
