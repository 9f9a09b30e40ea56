using System.Text.Json.Serialization;

namespace Surge.Ipam.Blocks;

/// <summary>
/// One entry of a subnet's address ledger, the stream <c>addresses/{subnet}</c>: the block changes one writer decided
/// together, in order. A batch of allocations is one entry however many addresses it gives out, so recording it costs
/// one row. Each change inside still names its block and records what happened to which address. In storage,
/// <see cref="BlockChangesJson"/> groups the allocations by block, node and time.
/// </summary>
[JsonConverter(typeof(BlockChangesJson))]
public sealed record BlockChanges(IReadOnlyList<BlockChange> Changes);

/// <summary>A change of the block <paramref name="Cidr"/> within its subnet's ledger.</summary>
public sealed record BlockChange(string Cidr, BlockEvent Event);
