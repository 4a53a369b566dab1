using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;

namespace Reporting.Pipeline;

/// <summary>
/// A request body a handler takes as a parameter, read strictly by <see cref="JsonBody"/> (415, 413,
/// 400 naming the field) instead of by hand in each handler; the type also tells the API
/// description that it is accepted as JSON. A request record declares how it is serialised:
/// <c>public static JsonTypeInfo&lt;T&gt; JsonTypeInfo =&gt; ReportingJsonContext.Default.T;</c>
/// </summary>
public interface IStrictJsonBody<TSelf> : IBindableFromHttpContext<TSelf>, IEndpointParameterMetadataProvider
    where TSelf : class, IStrictJsonBody<TSelf>
{
    static abstract JsonTypeInfo<TSelf> JsonTypeInfo { get; }

    /// <summary>The contract read in a request; a body whose properties depend on the service's declarations (the report's questions) builds it from them.</summary>
    static virtual JsonTypeInfo<TSelf> JsonTypeInfoFor(IServiceProvider services) => TSelf.JsonTypeInfo;

    /// <summary>The largest body taken; a few bodies with many long texts (the situation picture) take more.</summary>
    static virtual int MaxBytes => JsonBody.MaxBytes;

    static async ValueTask<TSelf?> IBindableFromHttpContext<TSelf>.BindAsync(HttpContext context, ParameterInfo parameter) =>
        await JsonBody.ReadAsync(context.Request, TSelf.JsonTypeInfoFor(context.RequestServices), TSelf.MaxBytes, context.RequestAborted);

    static void IEndpointParameterMetadataProvider.PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(TSelf)));
}
