namespace Surge.Contracts.Addresses;

/// <summary>
/// How many addresses a subnet has and how many are taken, published by Ipam each time that changes, so Capacity never
/// places an instance on a node no subnet can give an address.
/// </summary>
/// <param name="Subnet">The subnet's name.</param>
/// <param name="Pools">The pools the subnet serves.</param>
/// <param name="Nodes">The nodes the subnet serves by name; they take addresses from it before the pool's subnets.</param>
/// <param name="UsableAddresses">Addresses instances can ever get: the network less its network, broadcast and gateway addresses.</param>
/// <param name="TakenAddresses">Addresses not free now: allocated, or held back for any reason.</param>
/// <param name="Version">The subnet stream's version; a report older than one already seen is ignored.</param>
public sealed record SubnetAddressesReported(
    string Subnet,
    IReadOnlyList<string> Pools,
    IReadOnlyList<string> Nodes,
    long UsableAddresses,
    long TakenAddresses,
    long Version,
    DateTimeOffset At);
