using System.Security.Cryptography;
using System.Text;
using Marten;

namespace Surge.Provisioner.NodeProvisioning;

/// <summary>
/// Makes quota checks of one provider take turns across processes: a transaction-scoped PostgreSQL advisory lock per
/// provider, which PostgreSQL releases at commit or rollback, also when the process dies. Within a process the
/// consumer's partition key, the provider, does the same.
/// </summary>
public static class ProviderQuotaLock
{
    /// <summary>Begins the session's transaction and waits for the lock of <paramref name="provider"/>.</summary>
    public static async Task AcquireAsync(IDocumentSession session, string provider, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        await using var command = session.Connection!.CreateCommand();
        command.CommandText = "select pg_advisory_xact_lock(@key)";
        command.Parameters.Add(new Npgsql.NpgsqlParameter("key", AdvisoryKey(provider)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Returns the partition key of <paramref name="provider"/>'s quota, the same for every spelling of its name.</summary>
    public static string PartitionKey(string provider) => "cloud-quota/" + provider.ToLowerInvariant();

    // A stable 64-bit key per provider, the same in every process, unlike string.GetHashCode.
    private static long AdvisoryKey(string provider) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(PartitionKey(provider))), 0);
}
