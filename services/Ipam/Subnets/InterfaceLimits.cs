namespace Surge.Ipam.Subnets;

/// <summary>The elastic network interfaces a cloud node can have in an <see cref="NetworkModes.Eni"/> subnet.</summary>
/// <param name="MaxPerNode">How many interfaces of this subnet a node can have attached.</param>
/// <param name="AddressesPerInterface">How many secondary addresses one interface holds; each interface gets a block of that size.</param>
public sealed record InterfaceLimits(int MaxPerNode, int AddressesPerInterface);
