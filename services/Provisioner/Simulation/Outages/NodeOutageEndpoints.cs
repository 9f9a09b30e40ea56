using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Provisioner.Providers;
using Surge.ServiceDefaults.Problems;

namespace Surge.Provisioner.Simulation.Outages;

/// <summary>The simulation switches for node outages, mapped only while the simulated data centre is the instance provider.</summary>
public static class NodeOutageEndpoints
{
    /// <summary>
    /// Maps <c>GET /simulation/nodes/outages</c>, <c>POST /simulation/nodes/{node}/outage</c> and
    /// <c>DELETE /simulation/nodes/{node}/outage</c> when the instance provider is the <see cref="SimulatedDataCentre"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapNodeOutageEndpoints(this IEndpointRouteBuilder routes)
    {
        // Another provider runs real nodes, which an HTTP call must not be able to take down or declare lost.
        if (routes.ServiceProvider.GetService<IInstanceProvider>() is not SimulatedDataCentre)
        {
            return routes;
        }

        var nodes = routes.MapGroup("/simulation/nodes").WithTags("Simulation");
        nodes.MapGet("/outages", ListOutages)
            .WithSummary("Simulated node outages in progress, ordered by node.");
        nodes.MapPost("/{node}/outage", BeginOutage)
            .WithSummary("Makes a node unreachable: its instances stop listening and inventory reports list it as unreachable.");
        nodes.MapDelete("/{node}/outage", EndOutage)
            .WithSummary("Ends a node's outage: its instances serve again, or are recorded as lost when they were not to survive.");
        return routes;
    }

    /// <summary>Returns the outages in progress.</summary>
    public static Ok<IReadOnlyList<NodeOutage>> ListOutages(NodeOutages outages) => TypedResults.Ok(outages.List());

    /// <summary>
    /// Begins an outage of <paramref name="node"/>. The body is optional; without it the instances survive. A repeated
    /// request with the same setting returns the outage in progress.
    /// </summary>
    public static async Task<Ok<NodeOutage>> BeginOutage(
        string node,
        NodeOutageRequest? request,
        NodeOutageControl control,
        CancellationToken cancellationToken)
    {
        ThrowIfInvalid(node);
        var outage = await control.BeginAsync(node, request?.InstancesSurvive ?? true, cancellationToken);
        return TypedResults.Ok(outage);
    }

    /// <summary>Ends the outage of <paramref name="node"/>, or returns 404 when the node is not in one.</summary>
    public static async Task<Results<Ok<EndedNodeOutage>, ProblemHttpResult>> EndOutage(
        string node,
        NodeOutageControl control,
        CancellationToken cancellationToken)
    {
        ThrowIfInvalid(node);
        if (await control.EndAsync(node, cancellationToken) is { } ended)
        {
            return TypedResults.Ok(ended);
        }

        return TypedResults.Problem(
            $"Node {node} is not in a simulated outage, so there is none to end. GET /simulation/nodes/outages lists the nodes that are.",
            statusCode: StatusCodes.Status404NotFound,
            title: "The resource was not found.");
    }

    private static void ThrowIfInvalid(string node)
    {
        if (NodeNames.FindProblem(node) is { } problem)
        {
            throw new RequestValidationException("node", problem);
        }
    }
}
