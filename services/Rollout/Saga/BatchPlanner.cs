using Surge.Contracts.Instances;

namespace Surge.Rollout.Saga;

/// <summary>Puts a service's instances in the order a rollout updates them.</summary>
public static class BatchPlanner
{
    /// <summary>
    /// Returns the instances node by node in turns: the first instance of each node (nodes by name), then the second of
    /// each, and so on, instances of a node by id. A batch thus spreads over as many nodes as it can, and the same
    /// instances always give the same order.
    /// </summary>
    public static IReadOnlyList<DescribedInstance> Order(IReadOnlyList<RunningInstance> instances)
    {
        var byNode = instances
            .GroupBy(i => i.Node, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => group.OrderBy(i => i.InstanceId).ToList())
            .ToList();
        var deepest = byNode.Max(group => group.Count);
        return [.. Enumerable.Range(0, deepest)
            .SelectMany(turn => byNode.Where(group => turn < group.Count).Select(group => group[turn]))
            .Select(i => new DescribedInstance(i.InstanceId, i.Node, i.Address, i.Image, i.Endpoint))];
    }
}
