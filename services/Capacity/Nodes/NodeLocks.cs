using System.Security.Cryptography;
using System.Text;
using Marten;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.Nodes;

/// <summary>
/// Serializes writes to node streams. Many sagas completing at once book reservations on the same few nodes; with
/// only the stream version to arbitrate, each commit races the others and can exhaust its retries. Within the process
/// a lock per node is held until the commit; across processes (Capacity replicas) a transaction-scoped PostgreSQL
/// advisory lock per node does the same, released by PostgreSQL at commit or rollback, also when the process dies.
/// Both are taken after the saga's own lock and in ascending order, so they cannot deadlock.
/// </summary>
public static class NodeLocks
{
    private static readonly PartitionLocks Locks = new(stripeCount: 64);

    /// <summary>Locks the given nodes for the rest of <paramref name="unit"/>, released after its commit.</summary>
    public static async Task HoldAsync(OutboxSession unit, IEnumerable<string> nodeNames, CancellationToken cancellationToken)
    {
        var names = nodeNames.Distinct(StringComparer.Ordinal).ToList();
        unit.HoldUntilDisposed(await Locks.AcquireManyAsync(names, cancellationToken));
        await LockInDatabaseAsync(unit.Documents, names.Select(AdvisoryKey).Order(), cancellationToken);
    }

    private static async Task LockInDatabaseAsync(IDocumentSession session, IEnumerable<long> keys, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        foreach (var key in keys)
        {
            await using var command = session.Connection!.CreateCommand();
            command.CommandText = "select pg_advisory_xact_lock(@key)";
            command.Parameters.Add(new Npgsql.NpgsqlParameter("key", key));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // A stable 64-bit key per node, the same in every process, unlike string.GetHashCode.
    private static long AdvisoryKey(string nodeName) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("surge/node/" + nodeName)), 0);
}
