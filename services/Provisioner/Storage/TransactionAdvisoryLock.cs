using System.Security.Cryptography;
using System.Text;
using Marten;

namespace Surge.Provisioner.Storage;

/// <summary>
/// A transaction-scoped PostgreSQL advisory lock per key, which makes writers of one key take turns across processes.
/// PostgreSQL releases it at commit or rollback, also when the process dies.
/// </summary>
public static class TransactionAdvisoryLock
{
    /// <summary>Begins the session's transaction and waits for the lock of <paramref name="key"/>.</summary>
    public static async Task AcquireAsync(IDocumentSession session, string key, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        await using var command = session.Connection!.CreateCommand();
        command.CommandText = "select pg_advisory_xact_lock(@key)";
        command.Parameters.Add(new Npgsql.NpgsqlParameter("key", AdvisoryKey(key)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // A stable 64-bit key per name, the same in every process, unlike string.GetHashCode.
    private static long AdvisoryKey(string key) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0);
}
