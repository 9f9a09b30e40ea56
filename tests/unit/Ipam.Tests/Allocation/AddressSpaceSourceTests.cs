using Surge.Contracts.Addresses;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Allocation;

/// <summary>A space over the ledger's blocks reads them on demand and never changes them.</summary>
public sealed class AddressSpaceSourceTests
{
    private static AllocationOutcome Plan(AddressSpace space, params AddressRequest[] requests) =>
        AllocationPlanner.Plan(space, Fixed.Saga, requests, Fixed.Now);

    [Fact]
    public void Plan_OverSource_DecidesAsOverLoadedBlocks()
    {
        // node-1's block is full, so the third request borrows from node-2's; both spaces must agree on every address.
        var subnet = TestSubnets.Macvlan(gateway: "10.0.0.1", blockPrefixLength: 30).WithBlock("10.0.0.0/30", "node-1").WithBlock("10.0.0.4/30", "node-2");
        var blocks = TestBlocks.OpenedFor(subnet).ToDictionary(block => block.Id, StringComparer.Ordinal);
        AddressRequest[] requests = [new(Fixed.Instance(1), "node-1", "feed-pool"), new(Fixed.Instance(2), "node-1", "feed-pool"), new(Fixed.Instance(3), "node-1", "feed-pool")];

        var loaded = Plan(TestSpaces.From([subnet], blocks.Values), requests);
        var overSource = Plan(new AddressSpace([subnet], blocks.GetValueOrDefault, []), requests);

        Assert.Null(loaded.Rejection);
        Assert.Equal(loaded.Assignments, overSource.Assignments);
    }

    [Fact]
    public void Rollback_OverSource_KeepsSource()
    {
        var subnet = TestSubnets.Macvlan().WithBlock("10.0.0.0/28", "node-1");
        var block = TestBlocks.Opened(subnet, "10.0.0.0/28", "node-1");
        var space = new AddressSpace([subnet], key => key == block.Id ? block : null, []);
        var checkpoint = space.Checkpoint();

        Assert.Null(Plan(space, new AddressRequest(Fixed.Instance(1), "node-1", "feed-pool")).Rejection);
        space.Rollback(checkpoint);

        Assert.Same(block, space.BlockByKey(block.Id));
        Assert.Empty(block.Allocations);
        Assert.Empty(space.Pending);
    }
}
