using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Surge.Capacity.Nodes;

/// <summary>A node's declaration and the reservations it holds; the scheduler reads this.</summary>
/// <param name="ReleaseRequestId">Set once Capacity asked the overflow node's provider to delete it.</param>
public sealed record NodeView(string Id, string Name, NodeSpec Spec, IReadOnlyList<Reservation> Reservations, Guid? ReleaseRequestId = null)
{
    /// <summary>The stream key of a node.</summary>
    public static string StreamKey(string name) => $"node/{name}";

    /// <summary>CPU not held by any reservation, in millicores.</summary>
    public int FreeCpuMillicores => Spec.CpuMillicores - Reservations.Sum(reservation => reservation.CpuMillicores);

    /// <summary>Memory not held by any reservation, in MiB.</summary>
    public int FreeMemoryMiB => Spec.MemoryMiB - Reservations.Sum(reservation => reservation.MemoryMiB);
}

/// <summary>Folds a node's events into its view.</summary>
public static class NodeEvolution
{
    /// <summary>Returns the state after one event.</summary>
    public static NodeView? Evolve(NodeView? node, string id, object e) => (node, e) switch
    {
        (_, NodeSpecified specified) => new NodeView(id, specified.Name, specified.Spec, node?.Reservations ?? [], node?.ReleaseRequestId),
        (not null, NodeResourcesReserved reserved) => node with
        {
            Reservations = [.. node.Reservations.Where(r => r.InstanceId != reserved.InstanceId),
                new Reservation(reserved.InstanceId, reserved.SagaId, reserved.Service, reserved.CpuMillicores, reserved.MemoryMiB, Committed: false,
                    ReservedAt: reserved.At, DiskGiB: reserved.DiskGiB, SwapMiB: reserved.SwapMiB, ExpiresAt: reserved.ExpiresAt)],
        },
        (not null, ReservationCommitted committed) => node with
        {
            Reservations = [.. node.Reservations.Select(r => r.InstanceId == committed.InstanceId ? r with { Committed = true, ExpiresAt = null } : r)],
        },
        (not null, ReservationExpired expired) => node with
        {
            Reservations = [.. node.Reservations.Where(r => r.InstanceId != expired.InstanceId)],
        },
        (not null, NodeReleaseStarted started) => node with { ReleaseRequestId = started.RequestId },
        (not null, NodeRemoved) => null,
        (not null, ReservationReleaseStarted started) => node with
        {
            Reservations = [.. node.Reservations.Select(r => r.InstanceId == started.InstanceId ? r with { ReleasingSagaId = started.SagaId } : r)],
        },

        // Only the saga that marked the reservation may unmark it, so a late cancellation cannot free another saga's choice.
        (not null, ReservationReleaseCancelled cancelled) => node with
        {
            Reservations = [.. node.Reservations.Select(r => r.InstanceId == cancelled.InstanceId && r.ReleasingSagaId == cancelled.SagaId
                ? r with { ReleasingSagaId = null }
                : r)],
        },
        (not null, ReservationReleased released) => node with
        {
            Reservations = [.. node.Reservations.Where(r => r.InstanceId != released.InstanceId)],
        },
        _ => node,
    };
}

/// <summary>Keeps <see cref="NodeView"/> in step with the node's stream, inside the transaction that appends to it.</summary>
public sealed class NodeViewProjection : SingleStreamProjection<NodeView, string>
{
    /// <inheritdoc />
    public override NodeView? Evolve(NodeView? snapshot, string id, IEvent e) => NodeEvolution.Evolve(snapshot, id, e.Data);
}
