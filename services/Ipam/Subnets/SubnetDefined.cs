namespace Surge.Ipam.Subnets;

/// <summary>A subnet was created with this definition.</summary>
/// <param name="Name">The subnet's name.</param>
/// <param name="Cidr">The network in canonical CIDR notation.</param>
/// <param name="Gateway">The gateway address in canonical form, or null.</param>
/// <param name="Pools">The pools whose instances may receive addresses here, sorted.</param>
/// <param name="Nodes">The nodes whose instances may receive addresses here, sorted.</param>
/// <param name="Layout">The network mode and block layout; null in events recorded before layouts existed, which read as the default.</param>
public sealed record SubnetDefined(string Name, string Cidr, string? Gateway, IReadOnlyList<string> Pools, IReadOnlyList<string> Nodes, SubnetLayout? Layout = null);
