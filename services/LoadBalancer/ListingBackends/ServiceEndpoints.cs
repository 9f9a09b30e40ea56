using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.LoadBalancer.Pools;
using Surge.ServiceDefaults.Problems;

namespace Surge.LoadBalancer.ListingBackends;

/// <summary>The control API's read-only view of services and their backends.</summary>
public static class ServiceEndpoints
{
    /// <summary>Maps <c>GET /services</c> and <c>GET /services/{service}/backends</c>.</summary>
    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/services").WithTags("Services");
        group.MapGet("/", ListServices).WithName("ListServices");
        group.MapGet("/{service}/backends", ListBackends).WithName("ListBackends");
        return endpoints;
    }

    /// <summary>Returns every service that has a pool, with its backend count, ordered by name.</summary>
    public static async Task<Ok<ServiceSummary[]>> ListServices(IQuerySession session, CancellationToken cancellationToken)
    {
        var pools = await session.Query<BackendPoolView>().ToListAsync(cancellationToken);
        return TypedResults.Ok(pools
            .OrderBy(pool => pool.Service, StringComparer.Ordinal)
            .Select(pool => new ServiceSummary(pool.Service, pool.Backends.Count))
            .ToArray());
    }

    /// <summary>Returns the backends of <paramref name="service"/>, or 404 when the service never had a pool.</summary>
    public static async Task<Ok<PoolMemberView[]>> ListBackends(string service, IQuerySession session, CancellationToken cancellationToken)
    {
        var pool = ServiceName.IsValid(service)
            ? await session.LoadAsync<BackendPoolView>(BackendPoolStream.Key(service), cancellationToken)
            : null;
        if (pool is null)
        {
            throw new ResourceNotFoundException("Service", service);
        }

        return TypedResults.Ok(pool.Backends.OrderBy(member => member.AddedAt).ToArray());
    }
}
