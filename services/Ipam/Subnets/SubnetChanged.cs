namespace Surge.Ipam.Subnets;

/// <summary>A subnet's definition was replaced; the fields hold the whole new definition.</summary>
public sealed record SubnetChanged(string Cidr, string? Gateway, IReadOnlyList<string> Pools, IReadOnlyList<string> Nodes);
