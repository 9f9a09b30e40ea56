using Npgsql;

namespace Surge.Benchmarks.Ipam;

/// <summary>
/// The PostgreSQL server's write position and next transaction id. Both count for the whole server, not one database,
/// so other work on the server during a phase adds to the difference.
/// </summary>
/// <param name="WalBytes">The current write-ahead log position, in bytes from its start.</param>
/// <param name="NextTransactionId">The next transaction id to be assigned; only transactions that write get one.</param>
public sealed record WriteCounters(decimal WalBytes, long NextTransactionId)
{
    /// <summary>Reads the counters, which unlike the statistics views are current at once.</summary>
    public static async Task<WriteCounters> ReadAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0'), pg_snapshot_xmax(pg_current_snapshot())::text::bigint",
            connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new WriteCounters(reader.GetDecimal(0), reader.GetInt64(1));
    }

    /// <summary>Returns WAL bytes and transaction ids per allocation between <paramref name="before"/> and this reading.</summary>
    public (double WalBytes, double TransactionIds) PerAllocation(WriteCounters before, int allocations) =>
        allocations == 0
            ? (double.NaN, double.NaN)
            : ((double)(WalBytes - before.WalBytes) / allocations, (double)(NextTransactionId - before.NextTransactionId) / allocations);
}
