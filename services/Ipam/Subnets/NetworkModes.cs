namespace Surge.Ipam.Subnets;

/// <summary>How a subnet's addresses reach the nodes, which decides where an address is valid.</summary>
public static class NetworkModes
{
    /// <summary>A VLAN shared by the nodes attached to it: any address of the subnet works on any of them.</summary>
    public const string Macvlan = "macvlan";

    /// <summary>
    /// An intranet underlay: each rack announces its own address block by BGP, so an address works only on nodes of the
    /// rack whose block holds it.
    /// </summary>
    public const string Underlay = "underlay";

    /// <summary>
    /// Public cloud elastic network interfaces: an address works only on the interface it is assigned to, each
    /// interface holds a fixed number of secondary addresses, and attaching another interface takes seconds.
    /// </summary>
    public const string Eni = "eni";

    /// <summary>Every mode, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Macvlan, Underlay, Eni];
}
