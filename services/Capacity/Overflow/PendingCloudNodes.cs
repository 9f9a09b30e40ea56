using Marten;
using Surge.Capacity.ScaleOut;

namespace Surge.Capacity.Overflow;

/// <summary>Cloud nodes asked for by sagas that still wait for them, per provider.</summary>
/// <remarks>
/// A provider's quota must count them: two sagas that overflow at once would otherwise each see the quota free and
/// together ask for more nodes than it allows. Every overflow request is decided under the placement lock, so a count
/// read there sees every earlier request.
/// </remarks>
public static class PendingCloudNodes
{
    /// <summary>Counts the nodes of requests no provider has answered yet, by provider.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> CountAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        var waiting = await session.Query<ScaleOutState>().Where(saga => saga.Status == ScaleOutStatus.ProvisioningNodes).ToListAsync(cancellationToken);
        return waiting
            .SelectMany(saga => saga.Overflow.Where(attempt => attempt.Pending))
            .GroupBy(attempt => attempt.Provider, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(attempt => attempt.NodeCount), StringComparer.Ordinal);
    }
}
