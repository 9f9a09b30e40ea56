using Marten;
using Surge.Provisioner.Storage;

namespace Surge.Provisioner.NodeProvisioning;

/// <summary>
/// Makes quota checks of one provider take turns across processes: a transaction-scoped PostgreSQL advisory lock per
/// provider, which PostgreSQL releases at commit or rollback, also when the process dies. Within a process the
/// consumer's partition key, the provider, does the same.
/// </summary>
public static class ProviderQuotaLock
{
    /// <summary>Begins the session's transaction and waits for the lock of <paramref name="provider"/>.</summary>
    public static Task AcquireAsync(IDocumentSession session, string provider, CancellationToken cancellationToken) =>
        TransactionAdvisoryLock.AcquireAsync(session, PartitionKey(provider), cancellationToken);

    /// <summary>Returns the partition key of <paramref name="provider"/>'s quota, the same for every spelling of its name.</summary>
    public static string PartitionKey(string provider) => "cloud-quota/" + provider.ToLowerInvariant();
}
