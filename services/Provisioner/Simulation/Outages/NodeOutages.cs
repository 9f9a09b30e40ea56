using System.Collections.Concurrent;
using Surge.Provisioner.Providers;

namespace Surge.Provisioner.Simulation.Outages;

/// <summary>
/// The simulated node outages in progress. They live in this process only, so a restart of the Provisioner ends them
/// all: the instances of their nodes are taken back by the restart recovery as if they had survived.
/// </summary>
public sealed class NodeOutages : INodeReachability
{
    private readonly ConcurrentDictionary<string, NodeOutage> outages = new(StringComparer.Ordinal);

    /// <summary>Returns the outage of <paramref name="node"/>, or null when the node can be reached.</summary>
    public NodeOutage? Find(string node) => outages.GetValueOrDefault(node);

    /// <summary>Records <paramref name="outage"/>. Returns false when its node is already in an outage, which is kept.</summary>
    public bool TryBegin(NodeOutage outage) => outages.TryAdd(outage.Node, outage);

    /// <summary>Removes the outage of <paramref name="node"/>. Returns false when the node had none.</summary>
    public bool End(string node) => outages.TryRemove(node, out _);

    /// <summary>Returns the outages in progress, ordered by node.</summary>
    public IReadOnlyList<NodeOutage> List() => [.. outages.Values.OrderBy(outage => outage.Node, StringComparer.Ordinal)];

    /// <inheritdoc />
    public IReadOnlyCollection<string> UnreachableNodes() => [.. outages.Keys];
}
