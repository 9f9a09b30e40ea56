namespace Surge.LoadBalancer.Pools;

/// <summary>A saga's drain that has started and not finished: the instances it covers and its deadline.</summary>
public sealed record PendingDrain(IReadOnlyList<Guid> InstanceIds, DateTimeOffset Until)
{
    /// <summary>
    /// Returns the drain after a further <see cref="DrainStarted"/> of the same saga: it covers the instances of both, in
    /// request order, and ends at the later deadline.
    /// </summary>
    public PendingDrain Extend(DrainStarted started) => new(
        [.. InstanceIds, .. started.InstanceIds.Except(InstanceIds)],
        started.Until > Until ? started.Until : Until);
}
