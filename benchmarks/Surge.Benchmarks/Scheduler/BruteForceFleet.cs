using Surge.Capacity.Addresses;
using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Benchmarks.Scheduler;

/// <summary>
/// The fleet as the documents a scheduler without a model would load: every node's <see cref="NodeView"/> with its
/// reservation list, kept in step by Capacity's own <see cref="NodeEvolution"/>, and the pool, service and subnet
/// declarations.
/// </summary>
public sealed class BruteForceFleet
{
    private readonly Dictionary<string, int> indexOf = new(StringComparer.Ordinal);
    private readonly List<NodeView> nodes = [];
    private readonly List<SubnetAddressesRecorded> subnets = [];

    /// <summary>Node views by index; the index of a node never changes.</summary>
    public IReadOnlyList<NodeView> Nodes => nodes;

    /// <summary>Pool declarations by name.</summary>
    public Dictionary<string, PoolSpec> Pools { get; } = new(StringComparer.Ordinal);

    /// <summary>Service declarations by name.</summary>
    public Dictionary<string, ServiceSpec> Services { get; } = new(StringComparer.Ordinal);

    /// <summary>The last report of each subnet, in name order.</summary>
    public IReadOnlyList<SubnetAddressesRecorded> Subnets => subnets;

    /// <summary>Builds the documents from the fleet's events.</summary>
    public static BruteForceFleet FromLog(EventLog log)
    {
        var fleet = new BruteForceFleet();
        foreach (var entry in log.Events)
        {
            fleet.Apply(entry.StreamKey, entry.Data);
        }

        return fleet;
    }

    /// <summary>The index of the named node.</summary>
    public int IndexOf(string node) => indexOf[node];

    /// <summary>Applies one node event to the node's view, as the inline projection does.</summary>
    public void ApplyToNode(int index, object data) =>
        nodes[index] = NodeEvolution.Evolve(nodes[index], NodeView.StreamKey(nodes[index].Name), data)
            ?? throw new NotSupportedException("The benchmark never removes nodes.");

    private void Apply(string streamKey, object data)
    {
        switch (data)
        {
            case PoolSpecified pool:
                Pools[pool.Name] = pool.Spec;
                break;
            case ServiceSpecified service:
                Services[service.Name] = service.Spec;
                break;
            case SubnetAddressesRecorded report:
                subnets.RemoveAll(subnet => subnet.Subnet == report.Subnet);
                subnets.Add(report);
                subnets.Sort((left, right) => string.CompareOrdinal(left.Subnet, right.Subnet));
                break;
            case NodeSpecified specified when !indexOf.ContainsKey(specified.Name):
                indexOf[specified.Name] = nodes.Count;
                nodes.Add(NodeEvolution.Evolve(null, streamKey, specified)!);
                break;
            default:
                ApplyToNode(indexOf[streamKey[(streamKey.IndexOf('/') + 1)..]], data);
                break;
        }
    }
}
