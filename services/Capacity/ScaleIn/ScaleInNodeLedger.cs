using Surge.ServiceDefaults.Messaging;
using Surge.Capacity.Nodes;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.ScaleIn;

/// <summary>
/// Records on the node streams what a scale-in event means for the victims' reservations: marked when chosen, unmarked
/// when the saga aborts, released at the end. Appended in the saga's own transaction, so saga and nodes never disagree.
/// </summary>
/// <remarks>
/// Each node is fetched for writing, as the scale-out saga's ledger does: an append without the expected version would
/// rebuild the node's inline view from a snapshot a concurrent placement or scale-in has already changed.
/// </remarks>
public static class ScaleInNodeLedger
{
    /// <summary>Appends the node events that follow from <paramref name="e"/>, given the saga state before it (null for the first event).</summary>
    public static async Task RecordAsync(OutboxSession unit, ScaleInState? before, object e, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var session = unit.Documents;
        var bookings = (before, e) switch
        {
            (_, ScaleInRequested requested) => requested.Victims.Select(victim =>
                (victim.Node, Booking: (object)new ReservationReleaseStarted(victim.InstanceId, requested.SagaId, now))),
            (not null, ScaleInAborted) => before.Victims.Select(victim =>
                (victim.Node, Booking: (object)new ReservationReleaseCancelled(victim.InstanceId, before.SagaId, now))),
            (not null, VictimCapacityReleased) => before.Victims.Select(victim =>
                (victim.Node, Booking: (object)new ReservationReleased(victim.InstanceId, $"Scale-in saga {before.SagaId} removed the instance.", now))),
            _ => [],
        };

        var byNodes = bookings.GroupBy(booking => booking.Node).ToList();
        if (byNodes.Count > 0)
        {
            await NodeLocks.HoldAsync(unit, byNodes.Select(group => group.Key), cancellationToken);
        }

        foreach (var byNode in byNodes)
        {
            var node = await session.Events.FetchForWriting<NodeView>(NodeView.StreamKey(byNode.Key), cancellationToken);
            if (e is ScaleInRequested)
            {
                EnsureStillRemovable(node.Aggregate, byNode.Select(booking => ((ReservationReleaseStarted)booking.Booking).InstanceId));
            }

            node.AppendMany(byNode.Select(booking => booking.Booking));
        }
    }

    // The victims were chosen from nodes read before this fetch. A scale-in in another process may have marked one, or
    // a release removed it, in between, and this commit would still pass the version check, so the mark is checked here.
    private static void EnsureStillRemovable(NodeView? node, IEnumerable<Guid> instanceIds)
    {
        foreach (var instanceId in instanceIds)
        {
            var reservation = node?.Reservations.FirstOrDefault(r => r.InstanceId == instanceId);
            if (reservation is not { Committed: true, ReleasingSagaId: null })
            {
                throw new ResourceConflictException($"Instance {instanceId} on node {node?.Name} changed while the scale-in chose it. Send the request again.");
            }
        }
    }
}
