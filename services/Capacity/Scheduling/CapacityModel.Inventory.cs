using Surge.Capacity.ServiceCatalog;

namespace Surge.Capacity.Scheduling;

public sealed partial class CapacityModel
{
    /// <summary>
    /// Counts how many more instances of <paramref name="shape"/> fit. With a service, its own pool, lenders and overflow
    /// nodes are filled in the scheduler's order with its spread rules, so the count is exactly how many placements of
    /// one instance would succeed one after another. Without one, each pool is counted on its own, and where a pool's
    /// subnets have fewer free addresses than its nodes have room, its zones share the addresses in proportion.
    /// </summary>
    /// <param name="explain">Whether to list, for each node, why it would reject the next instance.</param>
    public InventoryReport Inventory(
        InstanceShapeSpec shape,
        string? service,
        PlacementStrategy strategy,
        IReadOnlyList<CloudProvider> providers,
        bool explain = false,
        IReadOnlyDictionary<string, int>? pending = null)
    {
        var cells = new List<InventoryCell>();
        var rejections = new List<PlacementDimension>();
        var cloud = new List<CloudOverflowCapacity>();
        var explained = explain ? new List<NodeRejection>() : null;
        if (service is not null && Services.TryGetValue(service, out var spec))
        {
            var pass = new PlacementPass(this, service, spec.Pool, shape, strategy);
            Count(pass, pass.Tiers, exact: true, cells, rejections);
            cloud = CloudOverflow(pass, Pools.GetValueOrDefault(spec.Pool), providers, pending);
            explained?.AddRange(pass.Rejections());
        }
        else
        {
            foreach (var pool in Pools.Values.OrderBy(pool => pool.Name, StringComparer.Ordinal))
            {
                var pass = new PlacementPass(this, service ?? "", pool.Name, shape, strategy);
                IReadOnlyList<PlacementTier> tiers = [.. pass.Tiers.Where(tier => tier.Source != PlacementSource.Borrowed)];
                Count(pass, tiers, exact: false, cells, rejections);
                explained?.AddRange(pass.Rejections().Where(rejection => rejection.Pool == pool.Name));
            }
        }

        return new InventoryReport(
            service,
            shape,
            cells.Sum(cell => cell.Fits),
            cells.Where(cell => cell.Source == PlacementSource.Own).Sum(cell => cell.Fits),
            cells.Where(cell => cell.Source == PlacementSource.Borrowed).Sum(cell => cell.Fits),
            cells.Where(cell => cell.Source == PlacementSource.Overflow).Sum(cell => cell.Fits),
            PlacementPass.LimitOf(rejections),
            cells,
            cloud,
            explained);
    }

    // Only a question about a service has an order of placements to be exact about. For a shape alone, each pool's
    // count is estimated where shared limits would make it depend on that order.
    private static void Count(PlacementPass pass, IReadOnlyList<PlacementTier> tiers, bool exact, List<InventoryCell> cells, List<PlacementDimension> rejections)
    {
        var filled = tiers.Select(tier => (Tier: tier, ByZone: exact ? pass.Fill(tier) : pass.Estimate(tier))).ToList();
        foreach (var (tier, byZone) in filled)
        {
            foreach (var zone in tier.Nodes.GroupBy(node => node.Spec.Zone, StringComparer.Ordinal).OrderBy(zone => zone.Key, StringComparer.Ordinal))
            {
                var reasons = zone.Select(node => pass.Reject(node, tier) ?? PlacementDimension.NoNodes).ToList();
                rejections.AddRange(reasons);
                cells.Add(new InventoryCell(tier.Pool.Name, zone.Key, tier.Source, byZone.GetValueOrDefault(zone.Key), PlacementPass.LimitOf(reasons), zone.Count()));
            }
        }
    }

    // New nodes have no labels and no taints and start empty; the service's zone limits, after what fits on existing
    // nodes, cap what they add. Addresses are not counted: new nodes join the pool's subnets.
    private List<CloudOverflowCapacity> CloudOverflow(PlacementPass pass, ModelPool? pool, IReadOnlyList<CloudProvider> providers, IReadOnlyDictionary<string, int>? pending)
    {
        var result = new List<CloudOverflowCapacity>();
        if (pool is null)
        {
            return result;
        }

        var shape = pass.Shape;
        var zoneRoom = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var provider in OverflowOrder(pool, providers))
        {
            var nodesLeft = NodesLeft(provider, pending);
            var perNode = shape.RequiredLabels is { Count: > 0 } ? 0 : provider.NodeSize.Fitting(ResourceAmounts.Of(shape)).Count;
            perNode = Math.Min(perNode, shape.MaxPerNode ?? long.MaxValue);
            long fits = 0;
            for (var index = 0; index < nodesLeft && provider.Zones.Count > 0; index++)
            {
                var zone = provider.Zones[index % provider.Zones.Count];
                var room = zoneRoom.TryGetValue(zone, out var left) ? left : pass.ZoneRoomOf(zone);
                var taken = Math.Min(room, perNode);
                zoneRoom[zone] = room - taken;
                fits += taken;
            }

            result.Add(new CloudOverflowCapacity(provider.Name, provider.Kind, nodesLeft, perNode, fits));
        }

        return result;
    }

    /// <summary>The providers a pool overflows into: private clouds before public ones, each kind in the pool's order.</summary>
    public static IReadOnlyList<CloudProvider> OverflowOrder(ModelPool pool, IReadOnlyList<CloudProvider> providers)
    {
        var listed = pool.Spec.OverflowProviders ?? [];
        return
        [
            .. listed
                .Select((name, index) => (Provider: providers.FirstOrDefault(p => p.Name == name), index))
                .Where(entry => entry.Provider is not null)
                .OrderBy(entry => entry.Provider!.Kind)
                .ThenBy(entry => entry.index)
                .Select(entry => entry.Provider!),
        ];
    }
}
