using Marten;
using Surge.Capacity.Nodes;

namespace Surge.Capacity.ScaleOut;

/// <summary>
/// Records on the node streams what a saga event means for the reservations it made: committed when the saga
/// completes, released when it fails. Appended in the saga's own transaction, so saga and nodes never disagree.
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
                    session.Events.Append(NodeView.StreamKey(instance.Node), new ReservationCommitted(instance.InstanceId, now));
                }

                break;

            case ScaleOutFailed failed:
                foreach (var instance in before.Instances)
                {
                    var reason = $"Scale-out saga {before.SagaId} failed at step '{failed.Step}'.";
                    session.Events.Append(NodeView.StreamKey(instance.Node), new ReservationReleased(instance.InstanceId, reason, now));
                }

                break;
        }
    }
}
