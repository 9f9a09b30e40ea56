using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Blocks;

/// <summary>Every claim and release of a subnet's blocks has its side in the address ledger, in order.</summary>
public sealed class BlockLedgerChangesTests
{
    [Fact]
    public void Of_ClaimsAndReleases_InOrder()
    {
        object[] events =
        [
            new AddressBlockReleased("10.0.0.0/28", "surplus"),
            new AddressBlocksClaimed([new AddressBlockClaimed("10.0.0.0/28", "node-2", null, null, true, Fixed.Now), new AddressBlockClaimed("10.0.0.16/28", "node-2", null, null, true, Fixed.Now)]),
            new AddressBlocksReleased([new AddressBlockReleased("10.0.0.32/28", "node removed")]),
            new SubnetChanged("10.0.0.0/24", null, [], [], SubnetLayout.DefaultFor("10.0.0.0/24")),
        ];

        var changes = BlockLedgerChanges.Of("feed", events).ToList();

        Assert.Equal(
            [
                ("block/feed/10.0.0.0/28", (BlockEvent)new BlockClosed("feed", "10.0.0.0/28", "surplus")),
                ("block/feed/10.0.0.0/28", new BlockOpened("feed", "10.0.0.0/28", "node-2")),
                ("block/feed/10.0.0.16/28", new BlockOpened("feed", "10.0.0.16/28", "node-2")),
                ("block/feed/10.0.0.32/28", new BlockClosed("feed", "10.0.0.32/28", "node removed")),
            ],
            changes);
    }
}
