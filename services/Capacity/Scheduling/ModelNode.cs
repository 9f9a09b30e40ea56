using Surge.Capacity.Nodes;

namespace Surge.Capacity.Scheduling;

/// <summary>One node as the capacity model stores it: its declaration, what is reserved on it, and how many instances of each service it runs.</summary>
public sealed class ModelNode(string name, NodeSpec spec)
{
    /// <summary>The node's name.</summary>
    public string Name { get; } = name;

    /// <summary>The node's current declaration.</summary>
    public NodeSpec Spec { get; set; } = spec;

    /// <summary>Whether the node is being given back to its cloud provider, so it takes no new instances.</summary>
    public bool Releasing { get; set; }

    /// <summary>The time since which the node has no reservation, or null while it has one.</summary>
    public DateTimeOffset? EmptySince { get; set; }

    /// <summary>What the node can hand out.</summary>
    public ResourceAmounts Allocatable => ResourceAmounts.Of(Spec);

    /// <summary>What its reservations hold.</summary>
    public ResourceAmounts Used { get; set; }

    /// <summary>Reservations by instance id.</summary>
    public Dictionary<Guid, ModelReservation> Reservations { get; } = [];

    /// <summary>Reservations per service, for the per-node spread limit.</summary>
    public Dictionary<string, int> ServiceCounts { get; } = new(StringComparer.Ordinal);

    /// <summary>The subnets that give addresses to instances on the node, in the order Ipam tries them.</summary>
    public IReadOnlyList<ModelSubnet> ServingSubnets { get; set; } = [];

    /// <summary>Whether a cloud provider created the node for overflow.</summary>
    public bool IsOverflow => Spec.Provider is not null;

    /// <summary>How many instances of <paramref name="service"/> the node holds.</summary>
    public int CountOf(string service) => ServiceCounts.GetValueOrDefault(service);
}
