namespace Surge.Ipam.Subnets;

/// <summary>The body of <c>PUT /subnets/{name}</c>: the whole desired definition of the subnet.</summary>
/// <param name="Cidr">The IPv4 or IPv6 network, with its host bits zero, for example <c>10.0.0.0/24</c>.</param>
/// <param name="Gateway">An optional gateway address inside the network; it is never allocated.</param>
/// <param name="Pools">The pools whose instances may receive addresses from this subnet.</param>
/// <param name="Nodes">The nodes whose instances may receive addresses from this subnet.</param>
public sealed record SubnetSpec(string? Cidr, string? Gateway, IReadOnlyList<string>? Pools, IReadOnlyList<string>? Nodes);
