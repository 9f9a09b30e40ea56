using System.Runtime.CompilerServices;
using Surge.Ipam.Addressing;

namespace Surge.Ipam.Subnets;

/// <summary>A block of the subnet claimed for one node: only instances on that node get its addresses, unless none is left anywhere else.</summary>
/// <param name="Cidr">The block in canonical CIDR notation.</param>
/// <param name="Node">The node the block belongs to.</param>
/// <param name="Rack">The rack whose block this one was carved from, in an underlay subnet; otherwise null.</param>
/// <param name="InterfaceId">The elastic network interface that holds the block, in an eni subnet; otherwise null.</param>
/// <param name="Ready">False while the interface is being attached; no address of the block is given out until then.</param>
public sealed record NodeBlock(string Cidr, string Node, string? Rack, string? InterfaceId, bool Ready)
{
    // A subnet has thousands of blocks and a refill or an allocation looks at many of them, so each block's range is
    // parsed once and kept with the block. A changed subnet keeps its unchanged blocks, and with them their ranges.
    private static readonly ConditionalWeakTable<NodeBlock, StrongBox<AddressBlock?>> Ranges = new();

    /// <summary>The block's range, parsed once per block; null when <see cref="Cidr"/> is not a valid CIDR.</summary>
    public AddressBlock? TryToBlock() =>
        Ranges.GetValue(this, block => new StrongBox<AddressBlock?>(AddressBlock.TryParse(block.Cidr, out var range, out _) ? range : null)).Value;

    /// <summary>The block's range for address arithmetic, parsed once per block.</summary>
    public AddressBlock ToBlock() => TryToBlock() ?? throw new FormatException($"Block '{Cidr}' of node '{Node}' is not a valid CIDR.");
}
