using Marten;
using Surge.Capacity.ScaleOut;

namespace Surge.Capacity.Overflow;

/// <summary>Cloud nodes that sagas requested and still wait for, per provider.</summary>
/// <remarks>
/// A provider's quota must count them, because two sagas that overflow at once would otherwise each find the quota
/// free and together request more nodes than it allows. Every overflow request is decided under the placement lock,
/// so a count read there includes every earlier request.
/// </remarks>
public static class PendingCloudNodes
{
    /// <summary>Counts the nodes of requests that no provider has replied to yet, by provider.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> CountAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        var waiting = await session.Query<ScaleOutState>().Where(saga => saga.Status == ScaleOutStatus.ProvisioningNodes).ToListAsync(cancellationToken);
        return waiting
            .SelectMany(saga => saga.Overflow.Where(attempt => attempt.Pending))
            .GroupBy(attempt => attempt.Provider, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(attempt => attempt.NodeCount), StringComparer.Ordinal);
    }
}
