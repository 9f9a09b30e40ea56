namespace Surge.Capacity.Scheduling;

public sealed partial class CapacityModel
{
    /// <summary>
    /// Chooses the cloud provider and node count for the instances of <paramref name="request"/> that do not fit: the
    /// first provider of the pool's overflow order not yet <paramref name="tried"/> whose quota and node size can take
    /// some of them, with as many nodes as cover the shortfall within the service's zone limits and the quota.
    /// </summary>
    public (CloudProvider Provider, int NodeCount)? PlanOverflow(
        PlacementRequest request,
        int placeable,
        IReadOnlyList<CloudProvider> providers,
        IReadOnlyCollection<string> tried)
    {
        if (!Pools.TryGetValue(request.OwnPool, out var pool))
        {
            return null;
        }

        var pass = new PlacementPass(this, request.Service, request.OwnPool, request.Shape, request.Strategy);
        for (var placed = 0; placed < placeable; placed++)
        {
            pass.PlaceOne();
        }

        var shortBy = request.InstanceIds.Count - placeable;
        foreach (var provider in OverflowOrder(pool, providers).Where(provider => !tried.Contains(provider.Name)))
        {
            var nodesLeft = Math.Max(0, provider.MaxNodes - Nodes.Values.Count(node => node.Spec.Provider == provider.Name));
            var perNode = request.Shape.RequiredLabels is { Count: > 0 } ? 0 : provider.NodeSize.Fitting(ResourceAmounts.Of(request.Shape)).Count;
            perNode = Math.Min(perNode, request.Shape.MaxPerNode ?? long.MaxValue);
            if (perNode == 0 || nodesLeft == 0 || provider.Zones.Count == 0)
            {
                continue;
            }

            var zoneRoom = provider.Zones.Distinct().ToDictionary(zone => zone, pass.ZoneRoomOf, StringComparer.Ordinal);
            long covered = 0;
            var nodes = 0;
            while (covered < shortBy && nodes < nodesLeft && zoneRoom.Values.Any(room => room > 0))
            {
                var zone = provider.Zones[nodes % provider.Zones.Count];
                var taken = Math.Min(zoneRoom[zone], perNode);
                zoneRoom[zone] -= taken;
                covered += taken;
                nodes++;
            }

            if (covered > 0)
            {
                return (provider, nodes);
            }
        }

        return null;
    }
}
