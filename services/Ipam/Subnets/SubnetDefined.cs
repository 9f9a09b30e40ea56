namespace Surge.Ipam.Subnets;

/// <summary>A subnet was defined for the first time.</summary>
/// <param name="Name">The subnet's name, a DNS label.</param>
/// <param name="Cidr">The network in canonical CIDR notation.</param>
/// <param name="Gateway">The gateway address, which is never allocated, or null when the subnet has none.</param>
/// <param name="Pools">The pools whose instances may receive addresses here, sorted.</param>
/// <param name="Nodes">The nodes whose instances may receive addresses here, sorted.</param>
public sealed record SubnetDefined(string Name, string Cidr, string? Gateway, IReadOnlyList<string> Pools, IReadOnlyList<string> Nodes);
