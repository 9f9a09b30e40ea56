using Microsoft.AspNetCore.Http.HttpResults;
using Surge.LoadBalancer.Degradation;

namespace Surge.LoadBalancer.DataPlane;

/// <summary>The endpoints of the data plane port: the reverse proxy, and a 503 for services without backends.</summary>
public static class DataPlaneEndpoints
{
    /// <summary>Maps the YARP routes and the 503 endpoint, both limited to the data plane port by <see cref="DataPlanePortPolicy"/>.</summary>
    public static IEndpointRouteBuilder MapDataPlane(this IEndpointRouteBuilder endpoints)
    {
        // The standard proxy pipeline, with the traffic counts around it for error measurements. Rejecting degraded
        // routes comes first, so those requests reach neither a backend nor the counts.
        endpoints.MapReverseProxy(pipeline =>
        {
            pipeline.UseDegradation();
            pipeline.UseTrafficCounting();
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        }).WithMetadata(DataPlaneEndpointMetadata.Instance);

        // A service's YARP route starts with its name as a literal, which takes precedence over this pattern, so only
        // services without a route, that is without backends, reach it.
        endpoints.Map("/{service}/{**remainder}", NoBackends)
            .WithMetadata(DataPlaneEndpointMetadata.Instance)
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>
    /// Returns 503 problem details naming the service that has no backends, or, for a non-critical route of a degraded
    /// service, the same rejection with <c>Retry-After</c> that the proxy sends when the service has backends.
    /// </summary>
    public static ProblemHttpResult NoBackends(string service, HttpContext context, DegradationTable degradation) =>
        DegradedRequests.FindRejection(degradation, context, service) is { } degraded
            ? DegradedRequests.Rejection(context, service, degraded)
            : TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The service has no backends.",
            detail: $"Service '{service}' has no registered backends, so the load balancer cannot forward the request. " +
                "Retry after backends are registered for it.");
}
