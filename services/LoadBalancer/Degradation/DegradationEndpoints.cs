using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.LoadBalancer.Pools;
using Surge.ServiceDefaults.Problems;

namespace Surge.LoadBalancer.Degradation;

/// <summary>The control API's read-only view of each service's degradation.</summary>
public static class DegradationEndpoints
{
    /// <summary>Maps <c>GET /degradation</c> and <c>GET /degradation/{service}</c>.</summary>
    public static IEndpointRouteBuilder MapDegradationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/degradation").WithTags("Degradation");
        group.MapGet("/", ListDegradation).WithName("ListDegradation").WithSummary("Lists every service that was ever degraded, with its switch, by name.");
        group.MapGet("/{service}", GetDegradation).WithName("GetDegradation").WithSummary("Returns one service's degradation switch.");
        return endpoints;
    }

    /// <summary>Returns the switch of every service that was ever degraded, ordered by name.</summary>
    public static async Task<Ok<DegradationView[]>> ListDegradation(IQuerySession session, CancellationToken cancellationToken)
    {
        var views = await session.Query<DegradationView>().ToListAsync(cancellationToken);
        return TypedResults.Ok(views.OrderBy(view => view.Service, StringComparer.Ordinal).ToArray());
    }

    /// <summary>Returns the service's switch; a valid name that was never degraded is off, an invalid one is 404.</summary>
    public static async Task<Ok<DegradationView>> GetDegradation(string service, IQuerySession session, CancellationToken cancellationToken)
    {
        if (!ServiceName.IsValid(service))
        {
            throw new ResourceNotFoundException("Service", service);
        }

        var view = await session.LoadAsync<DegradationView>(DegradationStream.Key(service), cancellationToken);
        return TypedResults.Ok(view ?? new DegradationView(DegradationStream.Key(service), service, false, [], null));
    }
}
