using Surge.Ipam.Blocks;

namespace Surge.Ipam.Subnets;

/// <summary>A subnet as <c>GET /subnets</c> returns it: its definition, its layout and its utilisation.</summary>
public sealed record SubnetResponse(
    string Name,
    string Cidr,
    string? Gateway,
    IReadOnlyList<string> Pools,
    IReadOnlyList<string> Nodes,
    SubnetLayout Layout,
    SubnetUtilisation Utilisation,
    int Conflicts)
{
    /// <summary>Creates the response for a stored subnet and its blocks at <paramref name="now"/>.</summary>
    public static SubnetResponse From(Subnet subnet, IReadOnlyList<BlockState> blocks, DateTimeOffset now) =>
        new(subnet.Name, subnet.Cidr, subnet.Gateway, subnet.Pools, subnet.Nodes, subnet.EffectiveLayout, SubnetUtilisation.Of(subnet, blocks, now), subnet.OpenConflicts.Count);
}
