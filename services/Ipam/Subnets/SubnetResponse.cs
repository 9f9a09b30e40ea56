namespace Surge.Ipam.Subnets;

/// <summary>A subnet as <c>GET /subnets</c> returns it: its definition and its utilisation.</summary>
public sealed record SubnetResponse(
    string Name,
    string Cidr,
    string? Gateway,
    IReadOnlyList<string> Pools,
    IReadOnlyList<string> Nodes,
    SubnetUtilisation Utilisation)
{
    /// <summary>Creates the response for a stored subnet.</summary>
    public static SubnetResponse From(Subnet subnet) =>
        new(subnet.Name, subnet.Cidr, subnet.Gateway, subnet.Pools, subnet.Nodes, SubnetUtilisation.Of(subnet));
}
