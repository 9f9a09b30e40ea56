namespace Surge.Ipam.Blocks;

/// <summary>
/// The state of every block of one subnet as of a version of its address ledger, so a process that starts reads the
/// snapshot and the ledger entries after it instead of the whole ledger. <see cref="LedgerSnapshotWriter"/> builds it from
/// the committed entries a process has folded, so it never runs ahead of the ledger.
/// </summary>
/// <param name="Id">The subnet's name.</param>
/// <param name="Version">The ledger version the blocks are at.</param>
public sealed record AddressLedgerSnapshot(string Id, long Version, IReadOnlyList<BlockState> Blocks);
