using System.Net;
using Surge.Ipam.Addressing;

namespace Surge.Ipam.Subnets;

/// <summary>
/// A subnet's state: its definition and the blocks its nodes claimed. It is the decider's state and, stored by the
/// inline <see cref="SubnetProjection"/>, the read model behind the subnet queries. The addresses inside each block
/// live in the block's own stream, so giving out an address never rewrites the subnet.
/// </summary>
/// <param name="Id">The key of the subnet's event stream, <c>subnet/{name}</c>.</param>
/// <param name="Name">The subnet's name, a DNS label.</param>
/// <param name="Cidr">The network in canonical CIDR notation.</param>
/// <param name="Gateway">The gateway address, or null when the subnet has none.</param>
/// <param name="Pools">The pools served, sorted.</param>
/// <param name="Nodes">The nodes served, sorted.</param>
/// <param name="Blocks">The blocks claimed for nodes, in the order they were claimed.</param>
/// <param name="Layout">The network mode and block layout; null reads as <see cref="SubnetLayout.DefaultFor"/>.</param>
/// <param name="Conflicts">Addresses the providers report in use by an instance Ipam did not give them to, still open.</param>
/// <param name="PausedClaims">Nodes whose interface attach failed, with until when the refill asks for none on them.</param>
public sealed record Subnet(
    string Id,
    string Name,
    string Cidr,
    string? Gateway,
    IReadOnlyList<string> Pools,
    IReadOnlyList<string> Nodes,
    IReadOnlyList<NodeBlock> Blocks,
    SubnetLayout? Layout = null,
    IReadOnlyList<AddressConflict>? Conflicts = null,
    IReadOnlyList<PausedClaim>? PausedClaims = null)
{
    /// <summary>Returns whether the refill may claim a block for the node at <paramref name="now"/>.</summary>
    public bool MayClaimFor(string node, DateTimeOffset now) =>
        !(PausedClaims ?? []).Any(paused => paused.Node == node && paused.Until > now);

    /// <summary>The open conflicts, see <see cref="Conflicts"/>.</summary>
    public IReadOnlyList<AddressConflict> OpenConflicts => Conflicts ?? [];

    /// <summary>The layout with the default filled in.</summary>
    public SubnetLayout EffectiveLayout => Layout ?? SubnetLayout.DefaultFor(Cidr);

    /// <summary>Returns the key of the event stream of the subnet with this name.</summary>
    public static string StreamKey(string name) => $"subnet/{name}";

    // The range is parsed once per state; a changed subnet is a new state, so a changed range is parsed again.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Subnet, AddressBlock> Ranges = new();

    /// <summary>Returns the subnet's network for address arithmetic.</summary>
    public AddressBlock ToBlock() => Ranges.GetValue(this, subnet => AddressBlock.Parse(subnet.Cidr));

    /// <summary>
    /// Counts the addresses instances can ever get here: the block's usable addresses less the gateway. It does not
    /// enumerate the block, and the count of an IPv6 /0 (2^128 - 1 usable) still fits.
    /// </summary>
    public UInt128 CountUsableAddresses() => CountUsable(ToBlock());

    /// <summary>
    /// Counts the addresses instances can get in this subnet's mode: the usable addresses in macvlan, those of the
    /// racks' blocks in underlay, and what the listed nodes' interfaces can hold in eni, never more than the subnet has.
    /// </summary>
    public UInt128 CountReachableAddresses()
    {
        var layout = EffectiveLayout;
        var usable = CountUsableAddresses();
        return layout switch
        {
            { Mode: NetworkModes.Underlay } => layout.Racks.Aggregate(UInt128.Zero, (sum, rack) => sum + CountUsable(AddressBlock.Parse(rack.Cidr))),
            { Mode: NetworkModes.Eni, Interfaces: { } interfaces } => UInt128.Min(usable, (UInt128)Nodes.Count * (UInt128)interfaces.MaxPerNode * (UInt128)interfaces.AddressesPerInterface),
            _ => usable,
        };
    }

    /// <summary>Counts the usable addresses of a range inside the subnet, less the gateway when it falls inside.</summary>
    public UInt128 CountUsable(AddressBlock range) => CountUsable(range.First, range.Last, range.Family);

    /// <summary>Counts the usable addresses of the range from <paramref name="rangeFirst"/> to <paramref name="rangeLast"/>, as the overload above does.</summary>
    public UInt128 CountUsable(UInt128 rangeFirst, UInt128 rangeLast, System.Net.Sockets.AddressFamily family)
    {
        var network = ToBlock();
        var first = UInt128.Max(rangeFirst, network.FirstUsable);
        var last = UInt128.Min(rangeLast, network.LastUsable);
        if (first > last)
        {
            return 0;
        }

        var usable = last - first + 1;
        foreach (var gateway in Gateways())
        {
            if (gateway.AddressFamily == family && AddressBlock.ToInteger(gateway) is var value && value >= rangeFirst && value <= rangeLast && network.IsUsable(gateway))
            {
                usable--;
            }
        }

        return usable;
    }

    /// <summary>The addresses no instance gets besides the network and broadcast addresses: the subnet's gateway and its racks' gateways.</summary>
    public IReadOnlyList<IPAddress> Gateways() =>
        GatewayAddresses.GetValue(this, subnet =>
        [
            .. new[] { subnet.Gateway }.Concat(subnet.EffectiveLayout.Racks.Select(rack => rack.Gateway))
                .Where(gateway => gateway is not null)
                .Distinct()
                .Select(gateway => IPAddress.Parse(gateway!)),
        ]);

    // Every allocation and every count of free addresses skips the gateways, so they are parsed once per state.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Subnet, IPAddress[]> GatewayAddresses = new();

    // Every request checks whether each subnet names its node, so the names are kept as a set once per state.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Subnet, HashSet<string>> NodeSets = new();

    /// <summary>Returns whether instances on the node may get addresses here: it is listed, in a rack, or its pool is listed.</summary>
    public bool Serves(string node, string? pool) =>
        NamesNode(node) || (pool is not null && Pools.Contains(pool, StringComparer.Ordinal));

    /// <summary>Returns whether the subnet names the node, directly or as a member of one of its racks.</summary>
    public bool NamesNode(string node) =>
        NodeSets.GetValue(this, subnet => new HashSet<string>(subnet.Nodes, StringComparer.Ordinal)).Contains(node) || RackOf(node) is not null;

    /// <summary>Returns the rack the node belongs to in an underlay subnet, or null.</summary>
    public RackBlock? RackOf(string node) =>
        EffectiveLayout.Racks.FirstOrDefault(rack => rack.Nodes.Contains(node, StringComparer.Ordinal));

    /// <summary>Returns the node's blocks, ready or not, in claim order.</summary>
    public IReadOnlyList<NodeBlock> BlocksOf(string node) => SubnetBlockIndex.Of(Blocks).BlocksOf(node);

    /// <summary>Returns the block key of each of the node's blocks, in the order of <see cref="BlocksOf"/>.</summary>
    public IReadOnlyList<string> BlockKeysOf(string node) => SubnetBlockIndex.Of(Blocks).BlockKeysOf(Name, node);

    /// <summary>
    /// Returns whether the current definition allows the block: inside the subnet, of the layout's block size, inside
    /// its node's rack in an underlay subnet, on an interface in an eni subnet and on none otherwise.
    /// </summary>
    public bool Allows(NodeBlock block)
    {
        var layout = EffectiveLayout;
        if (block.TryToBlock() is not { } range || range.PrefixLength != layout.BlockPrefixLength || !ToBlock().Overlaps(range))
        {
            return false;
        }

        return layout.Mode switch
        {
            NetworkModes.Underlay => RackOf(block.Node) is { } rack && rack.Name == block.Rack && AddressBlock.Parse(rack.Cidr).Overlaps(range),
            NetworkModes.Eni => block.InterfaceId is not null,
            _ => block.InterfaceId is null && block.Rack is null,
        };
    }

    /// <summary>Returns whether the definition equals the subnet's current one.</summary>
    public bool IsDefinedAs(SubnetDefinition definition) =>
        Cidr == definition.Cidr
        && Gateway == definition.Gateway
        && Pools.SequenceEqual(definition.Pools)
        && Nodes.SequenceEqual(definition.Nodes)
        && LayoutEquals(EffectiveLayout, definition.EffectiveLayout);

    private static bool LayoutEquals(SubnetLayout left, SubnetLayout right) =>
        left.Mode == right.Mode
        && left.Warm == right.Warm
        && left.BlockPrefixLength == right.BlockPrefixLength
        && left.Interfaces == right.Interfaces
        && left.Racks.Count == right.Racks.Count
        && left.Racks.Zip(right.Racks).All(pair => pair.First.Name == pair.Second.Name && pair.First.Cidr == pair.Second.Cidr && pair.First.Nodes.SequenceEqual(pair.Second.Nodes) && pair.First.Gateway == pair.Second.Gateway);
}
