namespace Surge.Ipam.Subnets;

/// <summary>A validated subnet specification in canonical form: CIDR and gateway normalised, pools and nodes sorted and distinct.</summary>
public sealed record SubnetDefinition(string Cidr, string? Gateway, IReadOnlyList<string> Pools, IReadOnlyList<string> Nodes);
