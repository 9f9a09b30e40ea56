using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Gateway.Authentication;
using Surge.ServiceDefaults.Correlation;

namespace Surge.Gateway.Invariants;

/// <summary>HTTP API of the invariant check across services.</summary>
public static class InvariantEndpoints
{
    /// <summary>Maps <c>GET /api/invariants</c>.</summary>
    public static IEndpointRouteBuilder MapInvariantEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/invariants", CheckInvariants)
            .WithTags("Invariants")
            .RequireAuthorization(GatewayRoles.ReadPolicy)
            .WithSummary("Cross-checks reservations, addresses, instances and backends and lists every leak, duplicate and overcommitted node.");
        return routes;
    }

    /// <summary>Returns 200 with the report, clean or not; 503 naming the service when one does not respond.</summary>
    public static async Task<Ok<InvariantReport>> CheckInvariants(InvariantCheck check, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await check.RunAsync(http.GetCorrelationId(), cancellationToken));
}
