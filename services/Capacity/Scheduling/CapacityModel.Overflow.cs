namespace Surge.Capacity.Scheduling;

public sealed partial class CapacityModel
{
    /// <summary>
    /// Chooses the cloud provider and node count for the instances of <paramref name="request"/> that do not fit: the
    /// first provider of the pool's overflow order not yet <paramref name="tried"/> whose quota and node size can take
    /// some of them, with as many nodes as cover the shortfall within the service's zone limits and the quota.
    /// </summary>
    /// <param name="pending">Nodes other sagas asked each provider for and still wait for; they count against its quota.</param>
    public (CloudProvider Provider, int NodeCount)? PlanOverflow(
        PlacementRequest request,
        int placeable,
        IReadOnlyList<CloudProvider> providers,
        IReadOnlyCollection<string> tried,
        IReadOnlyDictionary<string, int>? pending = null)
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
            var nodesLeft = NodesLeft(provider, pending);
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

    /// <summary>How many more nodes the provider's quota allows: its maximum less the nodes it gave and the nodes still awaited.</summary>
    public int NodesLeft(CloudProvider provider, IReadOnlyDictionary<string, int>? pending = null) =>
        Math.Max(0, provider.MaxNodes - Nodes.Values.Count(node => node.Spec.Provider == provider.Name) - (pending?.GetValueOrDefault(provider.Name) ?? 0));
}
