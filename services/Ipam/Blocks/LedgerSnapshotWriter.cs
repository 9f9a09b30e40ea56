using Marten;

namespace Surge.Ipam.Blocks;

/// <summary>
/// Stores a subnet's <see cref="AddressLedgerSnapshot"/> in the background once this process's ledger has folded
/// <see cref="AddressLedgerOptions.SnapshotEvery"/> entries past the last one. A snapshot of a whole subnet is large,
/// so writing it in an allocation's transaction held the address-space lock, and every allocation behind it, for as
/// long as it took to serialize and store. The copy folds committed entries only, so the state it stores is the
/// ledger's as stored up to its version, whichever transaction writes it.
/// </summary>
public sealed partial class LedgerSnapshotWriter(IDocumentStore store, AddressLedger ledger, ILogger<LedgerSnapshotWriter> logger) : BackgroundService
{
    // "SNAP" in ASCII is the first key of the snapshot writers' advisory lock, and the subnet's hash is the second.
    private const int SnapshotLockKind = 0x534E_4150;

    // Plain SQL for the one field: Marten translated the equivalent LINQ query anew on every write, which showed in CPU
    // profiles of the allocation benchmark. The table has Marten's default name for the document type.
    private readonly string storedVersionSql =
        $"select (data ->> 'version')::bigint from {store.Options.DatabaseSchemaName}.mt_doc_addressledgersnapshot where id = ?";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await ledger.WaitForSnapshotDueAsync(stoppingToken))
        {
            try
            {
                await WriteDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The subnet stays due, so the next fold that passes the interval tries again.
                LogWriteFailed(logger, exception);
            }
        }
    }

    /// <summary>
    /// Stores a snapshot of every subnet that is due, unless a snapshot as recent is stored already, as another Ipam
    /// process may have written one. Returns how many snapshots it stored.
    /// </summary>
    public async Task<int> WriteDueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<(string Subnet, long Version, IReadOnlyList<BlockState> Blocks)> due;
        using (await ledger.EnterAsync(cancellationToken))
        {
            due = ledger.DueForSnapshot();
        }

        var written = 0;
        foreach (var (subnet, version, blocks) in due)
        {
            await using var session = store.LightweightSession();
            await HoldSnapshotLockAsync(session, subnet, cancellationToken);
            var stored = (await session.AdvancedSql.QueryAsync<long>(storedVersionSql, cancellationToken, subnet)).FirstOrDefault();
            if (stored < version)
            {
                // Sorted outside the ledger, so allocations do not wait for it.
                session.Store(new AddressLedgerSnapshot(subnet, version, [.. blocks.OrderBy(block => block.Id, StringComparer.Ordinal)]));
                await session.SaveChangesAsync(cancellationToken);
                LogWritten(logger, subnet, version, blocks.Count);
                written++;
            }

            using (await ledger.EnterAsync(cancellationToken))
            {
                ledger.Snapshotted(subnet, Math.Max(version, stored));
            }
        }

        return written;
    }

    // Writers of one subnet's snapshot, in this process or another, take turns from the read of the stored version to
    // the commit, so a slower writer cannot replace a newer snapshot with its older one. The two-key form of the
    // advisory lock has a key space of its own, apart from the one-key locks Ipam and Marten take.
    private static async Task HoldSnapshotLockAsync(IDocumentSession session, string subnet, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        await using var command = session.Connection!.CreateCommand();
        command.CommandText = "select pg_advisory_xact_lock(@kind, hashtext(@subnet))";
        command.Parameters.Add(new Npgsql.NpgsqlParameter("kind", SnapshotLockKind));
        command.Parameters.Add(new Npgsql.NpgsqlParameter("subnet", subnet));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 3108, Level = LogLevel.Debug, Message = "Stored the address ledger snapshot of subnet {Subnet} at entry {Version} with {Blocks} blocks")]
    private static partial void LogWritten(ILogger logger, string subnet, long version, int blocks);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Warning, Message = "Failed to store an address ledger snapshot; the next fold past the interval tries again, and a starting process folds more entries meanwhile")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
