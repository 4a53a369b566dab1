using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Hosting;
using Reporting.Pipeline;
using Reporting.Tests.Support;

namespace Reporting.Tests.Pipeline;

/// <summary>
/// Conventions held for every endpoint at once instead of remembered by each handler: every
/// changing JSON endpoint behind a coordinator's sign-in validates the anti-forgery token through
/// <see cref="AntiforgeryConventions.RequireAntiforgeryToken{TBuilder}"/> (pages validate their
/// forms themselves), and none of the anonymous ones needs one.
/// </summary>
[TestFixture]
public sealed class EndpointConventionTests : HostFixture
{
    private static readonly string[] Changing = ["POST", "PUT", "PATCH", "DELETE"];

    private IEnumerable<RouteEndpoint> ApiEndpoints() =>
        Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null && e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() is null);

    private static string Describe(RouteEndpoint e) =>
        $"{string.Join(',', e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])} /{e.RoutePattern.RawText?.TrimStart('/')}";

    /// <summary>Every validator in the assembly is registered and runs in the message pipeline of the message it validates.</summary>
    [Test]
    public void EveryValidatorIsInThePipelineOfItsMessage()
    {
        var validators = typeof(HostingSetup).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(FluentValidation.IValidator<>)).Select(i => (Validator: t, Message: i.GetGenericArguments()[0])))
            .ToList();
        using var scope = Host.Services.CreateScope();
        var missing = new List<string>();
        foreach (var (validator, message) in validators)
        {
            var registered = ((IEnumerable<object>)scope.ServiceProvider.GetServices(typeof(FluentValidation.IValidator<>).MakeGenericType(message))).Select(v => v.GetType());
            var response = ResponseOf(message);
            var behaviours = ((IEnumerable<object>)scope.ServiceProvider.GetServices(typeof(Mediator.IPipelineBehavior<,>).MakeGenericType(message, response))).Select(b => b.GetType());
            if (!registered.Contains(validator) || !behaviours.Contains(typeof(ValidationBehavior<,>).MakeGenericType(message, response)))
            {
                missing.Add($"{validator.Name} for {message.Name}");
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(validators, Has.Count.GreaterThanOrEqualTo(24));
            Assert.That(missing, Is.Empty, "validators that do not run before their handler");
        });
    }

    /// <summary>One naming for where a feature is wired: every AddX (services) and MapX (routes) sits in an XRegistration class.</summary>
    [Test]
    public void EveryAddAndMapMethodLivesInARegistrationClass()
    {
        var wiring = typeof(HostingSetup).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: true } && t.Namespace?.StartsWith("Reporting.Features", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static).Select(m => (Type: t, Method: m)))
            .Where(x => x.Method.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute), false)
                && x.Method.GetParameters()[0].ParameterType is var target
                && (target == typeof(IServiceCollection) || typeof(IEndpointRouteBuilder).IsAssignableFrom(target))
                && (x.Method.Name.StartsWith("Add", StringComparison.Ordinal) || x.Method.Name.StartsWith("Map", StringComparison.Ordinal)))
            .ToList();
        var elsewhere = wiring.Where(x => !x.Type.Name.EndsWith("Registration", StringComparison.Ordinal)).Select(x => $"{x.Type.Name}.{x.Method.Name}").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(wiring, Has.Count.GreaterThanOrEqualTo(20));
            Assert.That(elsewhere, Is.Empty, "AddX/MapX outside an XRegistration class");
        });
    }

    private static Type ResponseOf(Type message) => message.GetInterfaces()
        .First(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(Mediator.ICommand<>) || i.GetGenericTypeDefinition() == typeof(Mediator.IQuery<>) || i.GetGenericTypeDefinition() == typeof(Mediator.IRequest<>)))
        .GetGenericArguments()[0];

    [Test]
    public void EveryChangingEndpointBehindASignInValidatesTheAntiforgeryToken()
    {
        var changing = ApiEndpoints()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Any(Changing.Contains) == true)
            .ToList();
        var signedIn = changing.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any()).ToList();
        var unprotected = signedIn.Where(e => e.Metadata.GetMetadata<AntiforgeryValidated>() is null).Select(Describe).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(signedIn, Has.Count.GreaterThanOrEqualTo(12), "the coordinator's changing endpoints");
            Assert.That(unprotected, Is.Empty, "changing endpoints behind a sign-in without .RequireAntiforgeryToken()");
        });
    }
}
