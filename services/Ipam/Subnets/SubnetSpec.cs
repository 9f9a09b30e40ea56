namespace Surge.Ipam.Subnets;

/// <summary>The body of <c>PUT /subnets/{name}</c>: the whole desired definition of the subnet.</summary>
/// <param name="Cidr">The IPv4 or IPv6 network, with its host bits zero, for example <c>10.0.0.0/24</c>.</param>
/// <param name="Gateway">An optional gateway address inside the network; it is never allocated.</param>
/// <param name="Pools">The pools whose instances may receive addresses from this subnet.</param>
/// <param name="Nodes">The nodes whose instances may receive addresses from this subnet.</param>
/// <param name="Mode">The network mode: <c>macvlan</c> (the default), <c>underlay</c> or <c>eni</c>.</param>
/// <param name="Racks">The rack blocks of an underlay subnet.</param>
/// <param name="Warm">The free addresses each node keeps ready.</param>
/// <param name="BlockPrefixLength">The prefix length of the blocks nodes claim; in an eni subnet it follows from the interface size.</param>
/// <param name="Interfaces">The interface limits of an eni subnet.</param>
public sealed record SubnetSpec(
    string? Cidr,
    string? Gateway,
    IReadOnlyList<string>? Pools,
    IReadOnlyList<string>? Nodes,
    string? Mode = null,
    IReadOnlyList<RackSpec>? Racks = null,
    WarmSpec? Warm = null,
    int? BlockPrefixLength = null,
    InterfaceSpec? Interfaces = null);

/// <summary>A rack of an underlay subnet as written in a specification.</summary>
/// <param name="Name">The rack's name, a DNS label.</param>
/// <param name="Cidr">The block the rack announces, inside the subnet.</param>
/// <param name="Nodes">The nodes in the rack.</param>
/// <param name="Gateway">The rack's own gateway inside its block, never allocated; optional.</param>
public sealed record RackSpec(string? Name, string? Cidr, IReadOnlyList<string>? Nodes, string? Gateway = null);

/// <summary>The warm levels as written in a specification; a missing one takes its default.</summary>
public sealed record WarmSpec(int? Minimum, int? Target);

/// <summary>The interface limits of an eni subnet as written in a specification.</summary>
public sealed record InterfaceSpec(int? MaxPerNode, int? AddressesPerInterface);
