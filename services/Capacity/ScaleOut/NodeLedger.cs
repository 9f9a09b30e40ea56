using Surge.ServiceDefaults.Messaging;
using Surge.Capacity.Nodes;

namespace Surge.Capacity.ScaleOut;

/// <summary>
/// Records on the node streams what a saga's end means for the reservations it made: committed for the instances that
/// serve traffic, released for the rest once their undo steps are done. Appended in the saga's own transaction, so saga
/// and nodes never disagree.
/// </summary>
/// <remarks>
/// Each node is fetched for writing: its view is an inline projection, and an append without the expected version
/// would rebuild the view from a snapshot that a concurrent placement on the same node has already changed, losing that
/// placement's reservation. With the version checked, the later commit fails and its message is retried.
/// </remarks>
public static class NodeLedger
{
    /// <summary>Appends the node events that follow from <paramref name="e"/>, given the saga state before it.</summary>
    public static async Task RecordAsync(OutboxSession unit, ScaleOutState before, object e, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var session = unit.Documents;
        var bookings = e switch
        {
            ScaleOutCompleted => before.Instances.Select(instance => (instance.Node, Booking: instance.Ready
                ? (object)new ReservationCommitted(instance.InstanceId, now)
                : new ReservationReleased(instance.InstanceId, $"Instance failed; scale-out saga {before.SagaId} completed without it.", now))),
            ScaleOutCompensated => before.Instances.Select(instance => (instance.Node, Booking: (object)new ReservationReleased(
                instance.InstanceId,
                before.Cancelled ? $"Scale-out saga {before.SagaId} was cancelled." : $"Scale-out saga {before.SagaId} failed at step '{before.FailedStep}'.",
                now))),
            _ => [],
        };

        var byNodes = bookings.GroupBy(booking => booking.Node).ToList();
        if (byNodes.Count == 0)
        {
            return;
        }

        await NodeLocks.HoldAsync(unit, byNodes.Select(group => group.Key), cancellationToken);
        foreach (var byNode in byNodes)
        {
            var node = await session.Events.FetchForWriting<NodeView>(NodeView.StreamKey(byNode.Key), cancellationToken);
            node.AppendMany(byNode.Select(booking => booking.Booking));
        }
    }
}
