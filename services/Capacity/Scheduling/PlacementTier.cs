namespace Surge.Capacity.Scheduling;

/// <summary>One step of the scheduler's preference order: a set of nodes of one pool, all taken from one source.</summary>
public sealed record PlacementTier(ModelPool Pool, PlacementSource Source, IReadOnlyList<ModelNode> Nodes)
{
    /// <summary>
    /// The tiers a service may use, most preferred first: its own pool's declared nodes, then the declared nodes of pools
    /// that lend idle capacity by lender priority and name, then the overflow nodes of its own pool.
    /// </summary>
    public static IReadOnlyList<PlacementTier> For(CapacityModel model, string ownPool)
    {
        var tiers = new List<PlacementTier>();
        model.Pools.TryGetValue(ownPool, out var own);
        if (own is not null)
        {
            tiers.Add(new PlacementTier(own, PlacementSource.Own, [.. own.Nodes.Where(node => !node.IsOverflow)]));
        }

        var lenders = model.Pools.Values
            .Where(pool => pool.Name != ownPool && pool.Spec.LendsIdleCapacity)
            .OrderBy(pool => pool.Spec.LenderPriority)
            .ThenBy(pool => pool.Name, StringComparer.Ordinal);
        tiers.AddRange(lenders.Select(pool => new PlacementTier(pool, PlacementSource.Borrowed, [.. pool.Nodes.Where(node => !node.IsOverflow)])));

        if (own is not null)
        {
            tiers.Add(new PlacementTier(own, PlacementSource.Overflow, [.. own.Nodes.Where(node => node.IsOverflow)]));
        }

        return tiers;
    }
}
