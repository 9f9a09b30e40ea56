namespace Surge.Capacity.Scheduling;

/// <summary>What Ipam last reported about a subnet, and how many of its addresses the model's reservations hold.</summary>
public sealed class ModelSubnet(string name)
{
    /// <summary>The subnet's name.</summary>
    public string Name { get; } = name;

    /// <summary>The pools the subnet serves.</summary>
    public HashSet<string> Pools { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The nodes the subnet serves by name, before any pool's subnets.</summary>
    public HashSet<string> Nodes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Addresses instances can ever get.</summary>
    public long Usable { get; set; }

    /// <summary>Addresses Ipam reported as not free.</summary>
    public long Taken { get; set; }

    /// <summary>Ipam's version of the subnet at the last report.</summary>
    public long IpamVersion { get; set; }

    /// <summary>Reservations charged to the subnet.</summary>
    public long Charged { get; set; }

    /// <summary>
    /// Free addresses as Capacity must see them. Every instance address comes from a reservation made first, so Ipam's
    /// taken count trails the reservations; the larger of the two counts what is spoken for.
    /// </summary>
    public long Free => Math.Max(0, Usable - Math.Max(Taken, Charged));
}
