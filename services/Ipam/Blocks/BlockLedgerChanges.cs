using Surge.Ipam.Subnets;

namespace Surge.Ipam.Blocks;

/// <summary>
/// The address ledger's side of a subnet's block claims and releases. With it the ledger alone records when a block
/// was opened for a node and when it went back, so an auditor never reads one block open for two nodes at once.
/// </summary>
public static class BlockLedgerChanges
{
    /// <summary>
    /// Returns a <see cref="BlockOpened"/> per claim and a <see cref="BlockClosed"/> per release among the subnet's
    /// <paramref name="events"/>, in their order, keyed by block key. Other events have no ledger side.
    /// </summary>
    public static IEnumerable<(string BlockKey, BlockEvent Change)> Of(string subnet, IEnumerable<object> events)
    {
        foreach (var @event in events)
        {
            switch (@event)
            {
                case AddressBlockClaimed claimed:
                    yield return (BlockState.Key(subnet, claimed.Cidr), new BlockOpened(subnet, claimed.Cidr, claimed.Node));
                    break;
                case AddressBlocksClaimed many:
                    foreach (var change in Of(subnet, many.Claims))
                    {
                        yield return change;
                    }

                    break;
                case AddressBlockReleased released:
                    yield return (BlockState.Key(subnet, released.Cidr), new BlockClosed(subnet, released.Cidr, released.Reason));
                    break;
                case AddressBlocksReleased many:
                    foreach (var change in Of(subnet, many.Releases))
                    {
                        yield return change;
                    }

                    break;
            }
        }
    }
}
