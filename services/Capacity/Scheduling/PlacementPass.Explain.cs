namespace Surge.Capacity.Scheduling;

internal sealed partial class PlacementPass
{
    /// <summary>Every node of every tier that cannot take the next instance, by tier and then node name, with the reason.</summary>
    public IReadOnlyList<NodeRejection> Rejections() =>
    [
        .. Tiers.SelectMany(tier => tier.Nodes
            .OrderBy(node => node.Name, StringComparer.Ordinal)
            .Select(node => (node, tier, Dimension: Reject(node, tier)))
            .Where(rejected => rejected.Dimension is not null)
            .Select(rejected => Explain(rejected.node, rejected.tier, rejected.Dimension!.Value))),
    ];

    /// <summary>
    /// The dimension that stops most nodes from taking the next instance, the earlier in check order on a tie;
    /// <see cref="PlacementDimension.NoNodes"/> when the service may use no node at all. Nodes the shape could never
    /// use (closed, lacking a label, tainted) count only when no other node is left: the limit names what runs out.
    /// </summary>
    public static PlacementDimension LimitOf(IEnumerable<PlacementDimension> rejections)
    {
        var all = rejections.ToList();
        var running = all.Where(dimension => dimension > PlacementDimension.Taints).ToList();
        return MostFrequent(running.Count > 0 ? running : all);
    }

    private static PlacementDimension MostFrequent(IEnumerable<PlacementDimension> rejections) =>
        rejections
            .GroupBy(dimension => dimension)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key)
            .Select(group => (PlacementDimension?)group.Key)
            .FirstOrDefault() ?? PlacementDimension.NoNodes;

    private NodeRejection Explain(ModelNode node, PlacementTier tier, PlacementDimension dimension)
    {
        var free = FreeOf(node);
        var detail = dimension switch
        {
            PlacementDimension.AcceptsInstances => node.Releasing ? "being released to its provider" : "closed to new instances",
            PlacementDimension.Labels => $"lacks required labels {Format(shape.RequiredLabels)}",
            PlacementDimension.Taints => $"has taints {string.Join(", ", (node.Spec.Taints ?? []).Select(t => t.Value is null ? t.Key : $"{t.Key}={t.Value}"))} the shape does not tolerate",
            PlacementDimension.MaxPerZone => $"{service} already has {ZoneCount(node.Spec.Zone)} instances in zone {node.Spec.Zone}, its maxPerZone",
            PlacementDimension.LendLimit => $"pool {tier.Pool.Name} lent all it may (maxLendRatio {tier.Pool.Spec.MaxLendRatio})",
            PlacementDimension.Cpu => $"{free.CpuMillicores} of {shape.CpuMillicores} millicores free",
            PlacementDimension.Memory => $"{free.MemoryMiB} of {shape.MemoryMiB} MiB memory free",
            PlacementDimension.Disk => $"{free.DiskGiB} of {shape.DiskGiB} GiB disk free",
            PlacementDimension.Swap => $"{free.SwapMiB} of {shape.SwapMiB} MiB swap free",
            PlacementDimension.IpAddresses => node.ServingSubnets.Count == 0
                ? "no subnet serves the node or its pool"
                : $"no free address in subnets {string.Join(", ", node.ServingSubnets.Select(subnet => subnet.Name))}",
            PlacementDimension.MaxPerNode => $"{service} already has {CountOn(node)} instances on the node, its maxPerNode",
            _ => dimension.ToString(),
        };
        return new NodeRejection(node.Name, tier.Pool.Name, node.Spec.Zone, dimension, detail);
    }

    private static string Format(IReadOnlyDictionary<string, string>? labels) =>
        string.Join(", ", (labels ?? new Dictionary<string, string>()).Select(label => $"{label.Key}={label.Value}"));
}
