using System.Net;
using Surge.Ipam.Addressing;

namespace Surge.Ipam.Subnets;

/// <summary>
/// A subnet's state: its definition and its current allocations. It is the decider's state and, stored by the inline
/// <see cref="SubnetProjection"/>, the read model behind the subnet and allocation queries.
/// </summary>
/// <param name="Id">The key of the subnet's event stream, <c>subnet/{name}</c>.</param>
/// <param name="Name">The subnet's name, a DNS label.</param>
/// <param name="Cidr">The network in canonical CIDR notation.</param>
/// <param name="Gateway">The gateway address, or null when the subnet has none.</param>
/// <param name="Pools">The pools served, sorted.</param>
/// <param name="Nodes">The nodes served, sorted.</param>
/// <param name="Allocations">The current allocations, in the order they were made.</param>
/// <param name="Quarantined">Released addresses in quarantine, or whose quarantine ended and which were not given out since.</param>
public sealed record Subnet(
    string Id,
    string Name,
    string Cidr,
    string? Gateway,
    IReadOnlyList<string> Pools,
    IReadOnlyList<string> Nodes,
    IReadOnlyList<LiveAllocation> Allocations,
    IReadOnlyList<QuarantinedAddress>? Quarantined = null)
{
    /// <summary>The released addresses kept out of use, see <see cref="Quarantined"/>.</summary>
    public IReadOnlyList<QuarantinedAddress> Quarantine => Quarantined ?? [];

    /// <summary>How many addresses are in quarantine at <paramref name="now"/>.</summary>
    public int QuarantinedAt(DateTimeOffset now) => Quarantine.Count(entry => entry.HoldsAt(now));

    /// <summary>Returns the key of the event stream of the subnet with this name.</summary>
    public static string StreamKey(string name) => $"subnet/{name}";

    /// <summary>Returns the subnet's network for address arithmetic.</summary>
    public AddressBlock ToBlock() => AddressBlock.Parse(Cidr);

    /// <summary>
    /// Counts the addresses instances can ever get here: the block's usable addresses less the gateway. It does not
    /// enumerate the block, and the count of an IPv6 /0 (2^128 - 1 usable) still fits.
    /// </summary>
    public UInt128 CountUsableAddresses()
    {
        var block = ToBlock();
        var usable = block.UsableCount;
        if (Gateway is not null && block.IsUsable(IPAddress.Parse(Gateway)))
        {
            usable--;
        }

        return usable;
    }

    /// <summary>Returns the instance's allocation in this subnet, or null.</summary>
    public LiveAllocation? FindAllocation(Guid instanceId) =>
        Allocations.FirstOrDefault(allocation => allocation.InstanceId == instanceId);

    /// <summary>Returns whether the definition equals the subnet's current one.</summary>
    public bool IsDefinedAs(SubnetDefinition definition) =>
        Cidr == definition.Cidr
        && Gateway == definition.Gateway
        && Pools.SequenceEqual(definition.Pools)
        && Nodes.SequenceEqual(definition.Nodes);
}
