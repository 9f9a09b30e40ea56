using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Capacity.Pools;
using Surge.Capacity.Resources;
using Surge.ServiceDefaults.Correlation;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.ServiceCatalog;

/// <summary>HTTP API for service declarations.</summary>
public static class ServiceEndpoints
{
    /// <summary>Maps <c>PUT /services/{name}</c>, <c>GET /services</c> and <c>GET /services/{name}</c>.</summary>
    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder routes)
    {
        var services = routes.MapGroup("/services").WithTags("Services");
        services.MapPut("/{name}", ApplyService).WithSummary("Declares a service or changes its declaration.");
        services.MapGet("/", ListServices).WithSummary("Lists the declared services.");
        services.MapGet("/{name}", GetService).WithSummary("Returns one service.");
        return routes;
    }

    /// <summary>Records the service's spec unless it is unchanged.</summary>
    public static async Task<Ok<ApplyOutcome>> ApplyService(string name, ServiceSpec spec, IDocumentSession session, HttpContext http, CancellationToken cancellationToken)
    {
        var pool = string.IsNullOrEmpty(spec.Pool) ? null : await session.LoadAsync<PoolView>(PoolView.StreamKey(spec.Pool), cancellationToken);
        spec.Validate(name, pool is not null);

        var key = ServiceView.StreamKey(name);
        var current = await session.LoadAsync<ServiceView>(key, cancellationToken);
        var outcome = await DeclarativeResources.ApplyAsync(session, http.GetCorrelationId(), key, current?.Spec, spec, new ServiceSpecified(name, spec), cancellationToken);
        return TypedResults.Ok(new ApplyOutcome("Service", name, outcome));
    }

    /// <summary>Lists services by name.</summary>
    public static async Task<Ok<IReadOnlyList<ServiceView>>> ListServices(IQuerySession session, CancellationToken cancellationToken) =>
        TypedResults.Ok(await session.Query<ServiceView>().OrderBy(service => service.Name).ToListAsync(cancellationToken));

    /// <summary>Returns one service or 404.</summary>
    public static async Task<Ok<ServiceView>> GetService(string name, IQuerySession session, CancellationToken cancellationToken) =>
        TypedResults.Ok(await session.LoadAsync<ServiceView>(ServiceView.StreamKey(name), cancellationToken)
            ?? throw new ResourceNotFoundException("Service", name));
}
