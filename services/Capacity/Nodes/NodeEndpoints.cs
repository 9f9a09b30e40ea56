using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Capacity.Pools;
using Surge.Capacity.Resources;
using Surge.ServiceDefaults.Correlation;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Nodes;

/// <summary>HTTP API for nodes.</summary>
public static class NodeEndpoints
{
    /// <summary>Maps <c>PUT /nodes/{name}</c>, <c>GET /nodes</c> and <c>GET /nodes/{name}</c>.</summary>
    public static IEndpointRouteBuilder MapNodeEndpoints(this IEndpointRouteBuilder routes)
    {
        var nodes = routes.MapGroup("/nodes").WithTags("Nodes");
        nodes.MapPut("/{name}", ApplyNode).WithSummary("Declares a node or changes its declaration.");
        nodes.MapGet("/", ListNodes).WithSummary("Lists nodes with their reservations, optionally of one pool.");
        nodes.MapGet("/{name}", GetNode).WithSummary("Returns one node with its reservations.");
        return routes;
    }

    /// <summary>Records the node's spec unless it is unchanged; a node that holds reservations cannot shrink below them.</summary>
    public static async Task<Ok<ApplyOutcome>> ApplyNode(string name, NodeSpec spec, IDocumentSession session, HttpContext http, CancellationToken cancellationToken)
    {
        var pool = string.IsNullOrEmpty(spec.Pool) ? null : await session.LoadAsync<PoolView>(PoolView.StreamKey(spec.Pool), cancellationToken);
        spec.Validate(name, pool is not null);

        // Fetched for writing like every reservation change, so a spec change racing a placement on this node fails
        // with 409 instead of rebuilding the node's view without the placement's reservation.
        session.CorrelationId = http.GetCorrelationId();
        var stream = await session.Events.FetchForWriting<NodeView>(NodeView.StreamKey(name), cancellationToken);
        var current = stream.Aggregate;
        if (current is not null && SpecComparer.AreEqual(current.Spec, spec))
        {
            return TypedResults.Ok(new ApplyOutcome("Node", name, ApplyOutcome.Unchanged));
        }

        if (current?.Spec.Provider is { } provider)
        {
            throw new ResourceConflictException($"Node '{name}' was created by {provider} for cloud overflow, and Capacity manages it. Leave it out of fleet files; it is given back once idle.");
        }

        if (current is not null)
        {
            EnsureReservationsStillFit(current, spec);
        }

        stream.AppendOne(new NodeSpecified(name, spec));
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ApplyOutcome("Node", name, current is null ? ApplyOutcome.Created : ApplyOutcome.Updated));
    }

    /// <summary>Lists nodes by name.</summary>
    public static async Task<Ok<IReadOnlyList<NodeView>>> ListNodes(string? pool, IQuerySession session, CancellationToken cancellationToken)
    {
        var nodes = await session.Query<NodeView>().OrderBy(node => node.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<NodeView>>(pool is null ? nodes : nodes.Where(node => node.Spec.Pool == pool).ToList());
    }

    /// <summary>Returns one node or 404.</summary>
    public static async Task<Ok<NodeView>> GetNode(string name, IQuerySession session, CancellationToken cancellationToken) =>
        TypedResults.Ok(await session.LoadAsync<NodeView>(NodeView.StreamKey(name), cancellationToken)
            ?? throw new ResourceNotFoundException("Node", name));

    private static void EnsureReservationsStillFit(NodeView current, NodeSpec next)
    {
        var reservedCpu = current.Reservations.Sum(reservation => reservation.CpuMillicores);
        var reservedMemory = current.Reservations.Sum(reservation => reservation.MemoryMiB);
        if (current.Spec.Pool != next.Pool && current.Reservations.Count > 0)
        {
            throw new ResourceConflictException($"Node '{current.Name}' holds {current.Reservations.Count} reservations, so it cannot move from pool '{current.Spec.Pool}' to '{next.Pool}'. Scale its instances in first.");
        }

        var reservedDisk = current.Reservations.Sum(reservation => reservation.DiskGiB);
        var reservedSwap = current.Reservations.Sum(reservation => reservation.SwapMiB);
        if (next.CpuMillicores < reservedCpu || next.MemoryMiB < reservedMemory || next.DiskGiB < reservedDisk || next.SwapMiB < reservedSwap)
        {
            throw new ResourceConflictException(
                $"Node '{current.Name}' has {reservedCpu} millicores, {reservedMemory} MiB memory, {reservedDisk} GiB disk and {reservedSwap} MiB swap reserved, more than the new spec allows. Scale its instances in first.");
        }
    }
}
