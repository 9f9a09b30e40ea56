namespace Surge.Ipam.Subnets;

/// <summary>A block of the subnet claimed for one node: only instances on that node get its addresses, unless none is left anywhere else.</summary>
/// <param name="Cidr">The block in canonical CIDR notation.</param>
/// <param name="Node">The node the block belongs to.</param>
/// <param name="Rack">The rack whose block this one was carved from, in an underlay subnet; otherwise null.</param>
/// <param name="InterfaceId">The elastic network interface that holds the block, in an eni subnet; otherwise null.</param>
/// <param name="Ready">False while the interface is being attached; no address of the block is given out until then.</param>
public sealed record NodeBlock(string Cidr, string Node, string? Rack, string? InterfaceId, bool Ready);
