using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.Nodes;

/// <summary>
/// Serializes writes to node streams inside the process. Many sagas completing at once book reservations on the same
/// few nodes; without this each commit races the others on the node's version and exhausts its retries. Locks are
/// taken after the saga's own lock and held until the commit, never the other way round, so they cannot deadlock.
/// Writes from another process still meet on the stream version and are retried.
/// </summary>
public static class NodeLocks
{
    private static readonly PartitionLocks Locks = new(stripeCount: 64);

    /// <summary>Locks the given nodes for the rest of <paramref name="unit"/>, released after its commit.</summary>
    public static async Task HoldAsync(OutboxSession unit, IEnumerable<string> nodeNames, CancellationToken cancellationToken) =>
        unit.HoldUntilDisposed(await Locks.AcquireManyAsync(nodeNames, cancellationToken));
}
