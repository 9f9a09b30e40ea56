using System.ComponentModel.DataAnnotations;

namespace Surge.Ipam.Blocks;

/// <summary>How often the address ledger is snapshotted, from <c>Ipam:Ledger</c>.</summary>
public sealed class AddressLedgerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ipam:Ledger";

    /// <summary>
    /// After how many ledger entries of a subnet its blocks are snapshotted again, in the background. A process that
    /// starts folds about this many entries after the snapshot; a smaller value writes the whole subnet's state more often.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Ipam:Ledger:SnapshotEvery must be from 1 to 1000000. It is after how many address ledger entries a subnet's blocks are snapshotted again.")]
    public int SnapshotEvery { get; set; } = 500;
}
