namespace Surge.Ipam.Subnets;

/// <summary>A subnet's definition was replaced; the fields hold the whole new definition.</summary>
/// <param name="Layout">The network mode and block layout; null in events recorded before layouts existed, which read as the default.</param>
public sealed record SubnetChanged(string Cidr, string? Gateway, IReadOnlyList<string> Pools, IReadOnlyList<string> Nodes, SubnetLayout? Layout = null);
