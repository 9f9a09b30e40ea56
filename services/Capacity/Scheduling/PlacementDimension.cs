using Surge.Capacity.Resources;

namespace Surge.Capacity.Scheduling;

/// <summary>
/// Why a node cannot take one more instance. The scheduler checks them in this order and names the first that fails,
/// so the inventory and a rejected placement always name the same one.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<PlacementDimension>))]
public enum PlacementDimension
{
    /// <summary>No node is in any pool the service may use.</summary>
    NoNodes,

    /// <summary>The node is closed to new instances.</summary>
    AcceptsInstances,

    /// <summary>The node lacks a label the shape requires.</summary>
    Labels,

    /// <summary>The node has a taint the shape does not tolerate.</summary>
    Taints,

    /// <summary>The service already has its most instances in the node's zone.</summary>
    MaxPerZone,

    /// <summary>The node's pool lent all it may lend.</summary>
    LendLimit,

    /// <summary>Not enough free CPU.</summary>
    Cpu,

    /// <summary>Not enough free memory.</summary>
    Memory,

    /// <summary>Not enough local disk quota.</summary>
    Disk,

    /// <summary>Not enough swap.</summary>
    Swap,

    /// <summary>No subnet serving the node has a free address.</summary>
    IpAddresses,

    /// <summary>The service already has its most instances on the node.</summary>
    MaxPerNode,
}
