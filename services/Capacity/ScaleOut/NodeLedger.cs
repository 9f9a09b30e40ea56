using Marten;
using Surge.Capacity.Nodes;

namespace Surge.Capacity.ScaleOut;

/// <summary>
/// Records on the node streams what a saga's end means for the reservations it made: committed for the instances that
/// serve traffic, released for the rest once their undo steps are done. Appended in the saga's own transaction, so saga
/// and nodes never disagree.
/// </summary>
public static class NodeLedger
{
    /// <summary>Appends the node events that follow from <paramref name="e"/>, given the saga state before it.</summary>
    public static void Record(IDocumentSession session, ScaleOutState before, object e, DateTimeOffset now)
    {
        switch (e)
        {
            case ScaleOutCompleted:
                foreach (var instance in before.Instances)
                {
                    object booking = instance.Ready
                        ? new ReservationCommitted(instance.InstanceId, now)
                        : new ReservationReleased(instance.InstanceId, $"Instance failed; scale-out saga {before.SagaId} completed without it.", now);
                    session.Events.Append(NodeView.StreamKey(instance.Node), booking);
                }

                break;

            case ScaleOutCompensated:
                var reason = before.Cancelled
                    ? $"Scale-out saga {before.SagaId} was cancelled."
                    : $"Scale-out saga {before.SagaId} failed at step '{before.FailedStep}'.";
                foreach (var instance in before.Instances)
                {
                    session.Events.Append(NodeView.StreamKey(instance.Node), new ReservationReleased(instance.InstanceId, reason, now));
                }

                break;
        }
    }
}
