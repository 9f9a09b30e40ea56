using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Gateway.Authentication;
using Surge.ServiceDefaults.Correlation;

namespace Surge.Gateway.Fleet;

/// <summary>HTTP API for applying fleet files.</summary>
public static class FleetEndpoints
{
    /// <summary>Maps <c>POST /api/fleet</c>.</summary>
    public static IEndpointRouteBuilder MapFleetEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/fleet", ApplyFleet)
            .WithTags("Fleet")
            .RequireAuthorization(GatewayRoles.AdministerPolicy)
            .Accepts<string>("application/yaml", "application/json")
            .WithSummary("Applies a fleet file of Pool, Node, Subnet, Service and AlertPolicy resources.");
        return routes;
    }

    /// <summary>Applies a YAML or JSON fleet file; JSON when the content type says so.</summary>
    public static async Task<Ok<FleetApplyResult>> ApplyFleet(HttpContext http, FleetApplier applier, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var isJson = http.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;

        var resources = FleetParser.Parse(text, isJson);
        return TypedResults.Ok(await applier.ApplyAsync(resources, http.GetCorrelationId(), cancellationToken));
    }
}
