using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Surge.Ipam.Subnets;

/// <summary>
/// A subnet's blocks indexed by node and by first address, kept with the block list it was built from. A refill may
/// claim hundreds of blocks in one plan, and each claim makes a list one block longer than the last. The index of the
/// new list is the last one's plus that block, so a claim costs the same however many blocks the subnet has.
/// </summary>
public sealed class SubnetBlockIndex
{
    private static readonly ConditionalWeakTable<IReadOnlyList<NodeBlock>, SubnetBlockIndex> Indexes = new();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(UInt128 RangeFirst, int PrefixLength), UInt128> scanStarts;

    private SubnetBlockIndex(
        ImmutableDictionary<string, ImmutableList<NodeBlock>> byNode,
        ImmutableHashSet<UInt128> firsts,
        ImmutableHashSet<int> prefixLengths,
        System.Collections.Concurrent.ConcurrentDictionary<(UInt128, int), UInt128>? scanStarts = null)
    {
        ByNode = byNode;
        Firsts = firsts;
        PrefixLengths = prefixLengths;
        this.scanStarts = scanStarts ?? new();
    }

    /// <summary>Each node's blocks, in the order they were claimed.</summary>
    public ImmutableDictionary<string, ImmutableList<NodeBlock>> ByNode { get; }

    /// <summary>
    /// Returns the node's blocks in the order they were claimed, as an array made once per index and node, because an
    /// allocation walks a node's blocks on every request and an immutable list is slow to walk.
    /// </summary>
    public IReadOnlyList<NodeBlock> BlocksOf(string node)
    {
        if (arrays.TryGetValue(node, out var array))
        {
            return array;
        }

        return ByNode.TryGetValue(node, out var blocks) ? arrays.GetOrAdd(node, [.. blocks]) : [];
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, NodeBlock[]> arrays = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns the block key (see <see cref="Blocks.BlockState.Key"/>) of each of the node's blocks in the order of
    /// <see cref="BlocksOf"/>. The keys are built once per index and node, because every allocation looks them up.
    /// </summary>
    /// <param name="subnet">The name of the subnet whose block list this index was built from.</param>
    public IReadOnlyList<string> BlockKeysOf(string subnet, string node)
    {
        // An index belongs to a block list, and nothing stops two subnets from sharing one, so the subnet is kept too.
        if (keys.TryGetValue(node, out var cached) && string.Equals(cached.Subnet, subnet, StringComparison.Ordinal))
        {
            return cached.Keys;
        }

        var blocks = BlocksOf(node);
        var built = new string[blocks.Count];
        for (var i = 0; i < built.Length; i++)
        {
            built[i] = Blocks.BlockState.Key(subnet, blocks[i].Cidr);
        }

        keys[node] = (subnet, built);
        return built;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Subnet, string[] Keys)> keys = new(StringComparer.Ordinal);

    /// <summary>The first address of every block.</summary>
    public ImmutableHashSet<UInt128> Firsts { get; }

    /// <summary>The prefix lengths of the blocks; more than one only after the subnet's block size changed.</summary>
    public ImmutableHashSet<int> PrefixLengths { get; }

    /// <summary>
    /// Returns the candidate index a search for a free block of <paramref name="prefixLength"/> in the range starting
    /// at <paramref name="rangeFirst"/> may start from: every candidate below it was claimed when it was recorded.
    /// </summary>
    public UInt128 ScanStart(UInt128 rangeFirst, int prefixLength) => scanStarts.GetValueOrDefault((rangeFirst, prefixLength));

    /// <summary>Records that every candidate below <paramref name="candidateIndex"/> is claimed in this list.</summary>
    public void RecordScanStart(UInt128 rangeFirst, int prefixLength, UInt128 candidateIndex) => scanStarts[(rangeFirst, prefixLength)] = candidateIndex;

    /// <summary>Returns the index of the list, building it when the list has none yet.</summary>
    public static SubnetBlockIndex Of(IReadOnlyList<NodeBlock> blocks) => Indexes.GetValue(blocks, Build);

    /// <summary>
    /// Gives <paramref name="extended"/>, which is <paramref name="blocks"/> followed by <paramref name="added"/>, the
    /// index of <paramref name="blocks"/> plus that block, when <paramref name="blocks"/> has an index already.
    /// </summary>
    public static void Extend(IReadOnlyList<NodeBlock> blocks, IReadOnlyList<NodeBlock> extended, NodeBlock added)
    {
        if (Indexes.TryGetValue(blocks, out var index))
        {
            Indexes.AddOrUpdate(extended, new SubnetBlockIndex(
                index.ByNode.SetItem(added.Node, index.ByNode.GetValueOrDefault(added.Node, []).Add(added)),
                added.TryToBlock() is { } range ? index.Firsts.Add(range.First) : index.Firsts,
                added.TryToBlock() is { } sized ? index.PrefixLengths.Add(sized.PrefixLength) : index.PrefixLengths,
                // A claim only takes candidates, so what was claimed below a start still is.
                new(index.scanStarts)));
        }
    }

    private static SubnetBlockIndex Build(IReadOnlyList<NodeBlock> blocks) => new(
        blocks.GroupBy(block => block.Node, StringComparer.Ordinal)
            .ToImmutableDictionary(group => group.Key, group => group.ToImmutableList(), StringComparer.Ordinal),
        [.. blocks.Select(block => block.TryToBlock()).OfType<Addressing.AddressBlock>().Select(range => range.First)],
        [.. blocks.Select(block => block.TryToBlock()).OfType<Addressing.AddressBlock>().Select(range => range.PrefixLength)]);
}
