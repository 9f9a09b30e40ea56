using Marten;

namespace Surge.Ipam.Allocation;

/// <summary>
/// Makes the writers of the address space take turns across Ipam processes, as <see cref="IpamPartitions.AddressSpace"/>
/// does inside one. Without it, two processes allocating from the same subnet race on the stream version and the
/// loser retries; under a burst the retries can run out and fail a saga. The lock is transaction-scoped, so
/// PostgreSQL releases it at commit or rollback, also when the process dies. The stream version check stays as a
/// second line. Every writer also catches its <see cref="Blocks.AddressLedger"/> up after taking the lock, because
/// the versions it then reads are final until it commits.
/// </summary>
public static class AddressSpaceLock
{
    // "Surge" in ASCII followed by 2, unique within Ipam's database.
    private const long Key = 0x5375_7267_6500_0002;

    /// <summary>Opens the session's transaction and waits for the address-space lock inside it.</summary>
    public static async Task HoldAsync(IDocumentSession session, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        await using var command = session.Connection!.CreateCommand();
        command.CommandText = "select pg_advisory_xact_lock(@key)";
        command.Parameters.Add(new Npgsql.NpgsqlParameter("key", Key));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Opens the session's transaction, waits for the lock and reads the versions of the subnet and ledger streams,
    /// keyed by stream key, in one round trip.
    /// </summary>
    public static async Task<Dictionary<string, long>> HoldAndReadVersionsAsync(IDocumentSession session, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        return await StreamVersions.ReadAsync(
            session.Connection!,
            $"select pg_advisory_xact_lock({Key}); {VersionsSql(session.DocumentStore)}",
            cancellationToken);
    }

    /// <summary>
    /// Reads the same versions as <see cref="HoldAndReadVersionsAsync"/> without the lock, on a connection of its own,
    /// for a caller that decides before it takes the lock and then checks that nothing it read has moved.
    /// </summary>
    public static Task<Dictionary<string, long>> ReadVersionsAsync(IDocumentStore store, CancellationToken cancellationToken) =>
        StreamVersions.ReadAsync(store, VersionsSql(store), cancellationToken);

    private static string VersionsSql(IDocumentStore store) =>
        $"select id, version from {store.Options.Events.DatabaseSchemaName}.mt_streams where id like 'subnet/%' or {Blocks.AddressLedger.StreamFilter}";
}
