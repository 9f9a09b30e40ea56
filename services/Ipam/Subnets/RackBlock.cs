namespace Surge.Ipam.Subnets;

/// <summary>The address block a rack announces in an underlay subnet, and the nodes in that rack.</summary>
/// <param name="Name">The rack's name.</param>
/// <param name="Cidr">The rack's block in canonical CIDR notation, inside the subnet.</param>
/// <param name="Nodes">The nodes in the rack, sorted; only they may use the block's addresses.</param>
/// <param name="Gateway">The rack's own gateway inside its block, such as the top-of-rack switch; it is never allocated.</param>
public sealed record RackBlock(string Name, string Cidr, IReadOnlyList<string> Nodes, string? Gateway = null);
