using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Capacity.Resources;
using Surge.ServiceDefaults.Correlation;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Pools;

/// <summary>HTTP API for pools.</summary>
public static class PoolEndpoints
{
    /// <summary>Maps <c>PUT /pools/{name}</c>, <c>GET /pools</c> and <c>GET /pools/{name}</c>.</summary>
    public static IEndpointRouteBuilder MapPoolEndpoints(this IEndpointRouteBuilder routes)
    {
        var pools = routes.MapGroup("/pools").WithTags("Pools");
        pools.MapPut("/{name}", ApplyPool).WithSummary("Declares a pool or changes its declaration.");
        pools.MapGet("/", ListPools).WithSummary("Lists the declared pools.");
        pools.MapGet("/{name}", GetPool).WithSummary("Returns one pool.");
        return routes;
    }

    /// <summary>Records the pool's spec unless it is unchanged.</summary>
    public static async Task<Ok<ApplyOutcome>> ApplyPool(
        string name,
        PoolSpec spec,
        IDocumentSession session,
        HttpContext http,
        Microsoft.Extensions.Options.IOptions<Overflow.OverflowOptions> overflow,
        CancellationToken cancellationToken)
    {
        // The providers are checked only when the spec changes: a fleet file applied again unchanged must not fail
        // because this Capacity runs with fewer providers configured than the one that recorded the pool.
        var key = PoolView.StreamKey(name);
        var current = await session.LoadAsync<PoolView>(key, cancellationToken);
        spec.Validate(name, current is not null && SpecComparer.AreEqual(current.Spec, spec) ? null : overflow.Value.Providers.Keys);
        var outcome = await DeclarativeResources.ApplyAsync(session, http.GetCorrelationId(), key, current?.Spec, spec, new PoolSpecified(name, spec), cancellationToken);
        return TypedResults.Ok(new ApplyOutcome("Pool", name, outcome));
    }

    /// <summary>Lists pools by name.</summary>
    public static async Task<Ok<IReadOnlyList<PoolView>>> ListPools(IQuerySession session, CancellationToken cancellationToken) =>
        TypedResults.Ok(await session.Query<PoolView>().OrderBy(pool => pool.Name).ToListAsync(cancellationToken));

    /// <summary>Returns one pool or 404.</summary>
    public static async Task<Ok<PoolView>> GetPool(string name, IQuerySession session, CancellationToken cancellationToken) =>
        TypedResults.Ok(await session.LoadAsync<PoolView>(PoolView.StreamKey(name), cancellationToken)
            ?? throw new ResourceNotFoundException("Pool", name));
}
