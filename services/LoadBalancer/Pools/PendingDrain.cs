namespace Surge.LoadBalancer.Pools;

/// <summary>
/// A saga's drain that has started and not finished: the instances it covers, its deadline, and whether it keeps them as
/// members when it ends (a drain for weight 0) or removes them.
/// </summary>
public sealed record PendingDrain(IReadOnlyList<Guid> InstanceIds, DateTimeOffset Until, bool KeepMembers = false)
{
    /// <summary>
    /// Returns the drain after a further <see cref="DrainStarted"/> of the same saga: it covers the instances of both, in
    /// request order, and ends at the later deadline. It keeps the kind it started with.
    /// </summary>
    public PendingDrain Extend(DrainStarted started) => new(
        [.. InstanceIds, .. started.InstanceIds.Except(InstanceIds)],
        started.Until > Until ? started.Until : Until,
        KeepMembers);
}
