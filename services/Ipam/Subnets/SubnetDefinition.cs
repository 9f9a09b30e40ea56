namespace Surge.Ipam.Subnets;

/// <summary>A validated subnet specification in canonical form: CIDR and gateway normalised, pools and nodes sorted and distinct.</summary>
/// <param name="Layout">The network mode and block layout; null means <see cref="SubnetLayout.DefaultFor"/> the cidr.</param>
public sealed record SubnetDefinition(string Cidr, string? Gateway, IReadOnlyList<string> Pools, IReadOnlyList<string> Nodes, SubnetLayout? Layout = null)
{
    /// <summary>The layout, with the default filled in.</summary>
    public SubnetLayout EffectiveLayout => Layout ?? SubnetLayout.DefaultFor(Cidr);
}
