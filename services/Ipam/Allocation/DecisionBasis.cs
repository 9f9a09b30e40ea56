using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.Allocation;

/// <summary>
/// What a batch of allocations is decided on: the subnets and stream versions, and the blocks and holdings that
/// differ from the process's <see cref="AddressLedger"/>. A batch decided under the address-space lock starts from the
/// ledger as it is. A batch decided while the one before it still commits starts from that batch's outcome, which the
/// ledger has not folded yet, so the two never hand out one address twice.
/// </summary>
/// <param name="Versions">Every subnet and ledger stream's version, by stream key, as the batch assumes them.</param>
/// <param name="Subnets">Every subnet's state, by name, with the version of its stream.</param>
/// <param name="Blocks">Block states that take precedence over the ledger's, by block key.</param>
/// <param name="Holdings">Holdings that take precedence over the ledger's, by instance id.</param>
/// <param name="Keys">The request keys of the batch this basis comes from, which a following batch must not reply to again.</param>
public sealed record DecisionBasis(
    IReadOnlyDictionary<string, long> Versions,
    IReadOnlyDictionary<string, (Subnet State, long Version)> Subnets,
    IReadOnlyDictionary<string, BlockState> Blocks,
    IReadOnlyDictionary<Guid, AddressHolding> Holdings,
    IReadOnlySet<string> Keys)
{
    /// <summary>Returns whether <paramref name="read"/>, the versions read under the lock, are exactly the ones assumed.</summary>
    public bool StillHolds(IReadOnlyDictionary<string, long> read) =>
        read.Count == Versions.Count && read.All(entry => Versions.TryGetValue(entry.Key, out var version) && version == entry.Value);

    /// <summary>Returns the block's state from this basis first, then from the ledger.</summary>
    public BlockState? Block(AddressLedger ledger, string blockKey) =>
        Blocks.TryGetValue(blockKey, out var state) ? state : ledger.Block(blockKey);

    /// <summary>Returns the instance's holding from this basis first, then from the ledger.</summary>
    public AddressHolding? HoldingOf(AddressLedger ledger, Guid instanceId) =>
        Holdings.TryGetValue(instanceId, out var holding) ? holding : ledger.HoldingOf(instanceId);
}
