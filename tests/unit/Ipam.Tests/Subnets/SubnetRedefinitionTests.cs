using Surge.Contracts.Addresses;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Tests.Subnets;

/// <summary>Defining a subnet, and redefining it without stranding live allocations.</summary>
public sealed class SubnetRedefinitionTests
{
    private static readonly Guid First = Fixed.Instance(1);

    private static SubnetDefinition Definition(string cidr = "10.0.0.0/24", string? gateway = "10.0.0.1", string[]? pools = null, string[]? nodes = null, SubnetLayout? layout = null) =>
        new(cidr, gateway, pools ?? ["feed-pool"], nodes ?? [], layout);

    private static Subnet Current() => TestSubnets.Macvlan("10.0.0.0/24", "10.0.0.1").WithBlock("10.0.0.0/28", "node-1");

    private static IReadOnlyList<object> Redefine(Subnet state, SubnetDefinition definition, params BlockState[] blocks) =>
        SubnetDecider.Decide(state, new DefineSubnet("feed", definition), blocks);

    private static SubnetLayout WithBlockSize(int prefixLength) => SubnetLayout.DefaultFor("10.0.0.0/24") with { BlockPrefixLength = prefixLength };

    [Fact]
    public void DefineSubnet_New_RecordsDefinedWithDefaultLayout()
    {
        var events = SubnetDecider.Decide(null, new DefineSubnet("feed", Definition()), []);

        var expected = new SubnetDefined("feed", "10.0.0.0/24", "10.0.0.1", ["feed-pool"], [], SubnetLayout.DefaultFor("10.0.0.0/24"));
        Assert.Equal([expected], events, EventComparer.Instance);
    }

    [Fact]
    public void DefineSubnet_SameDefinition_RecordsNothing()
    {
        Assert.Empty(Redefine(Current(), Definition()));
    }

    [Fact]
    public void DefineSubnet_ExplicitDefaultLayout_RecordsNothing()
    {
        Assert.Empty(Redefine(Current(), Definition(layout: SubnetLayout.DefaultFor("10.0.0.0/24"))));
    }

    [Fact]
    public void DefineSubnet_NewPools_RecordsChanged()
    {
        var events = Redefine(Current(), Definition(pools: ["feed-pool", "shared-pool"], nodes: ["node-1"]));

        var expected = new SubnetChanged("10.0.0.0/24", "10.0.0.1", ["feed-pool", "shared-pool"], ["node-1"], SubnetLayout.DefaultFor("10.0.0.0/24"));
        Assert.Equal([expected], events, EventComparer.Instance);
    }

    [Fact]
    public void DefineSubnet_CidrChangeWithAllocations_Conflicts()
    {
        var block = TestBlocks.Opened(Current(), "10.0.0.0/28", "node-1").Holding("10.0.0.2", First);

        var conflict = Assert.Throws<ResourceConflictException>(() => Redefine(Current(), Definition(cidr: "10.0.0.0/23"), block));

        Assert.Contains("has 1 live allocation, so", conflict.Message);
        Assert.Contains("10.0.0.0/23", conflict.Message);
    }

    [Fact]
    public void DefineSubnet_CidrChangeAfterRelease_KeepsFittingBlock()
    {
        var block = TestBlocks.Opened(Current(), "10.0.0.0/28", "node-1")
            .Holding("10.0.0.2", First)
            .With(new AddressReleased("10.0.0.2", First, "scaled in"));

        var events = Redefine(Current(), Definition(cidr: "10.0.0.0/23"), block);

        Assert.IsType<SubnetChanged>(Assert.Single(events));
    }

    [Fact]
    public void DefineSubnet_GatewayOnAllocatedAddress_Conflicts()
    {
        var block = TestBlocks.Opened(Current(), "10.0.0.0/28", "node-1").Holding("10.0.0.2", First);

        var conflict = Assert.Throws<ResourceConflictException>(() => Redefine(Current(), Definition(gateway: "10.0.0.2"), block));

        Assert.Contains(First.ToString(), conflict.Message);
    }

    [Fact]
    public void DefineSubnet_NewBlockSize_ReleasesEmptyBlocks()
    {
        var block = TestBlocks.Opened(Current(), "10.0.0.0/28", "node-1");

        var events = Redefine(Current(), Definition(layout: WithBlockSize(27)), block);

        Assert.Equal(2, events.Count);
        Assert.IsType<SubnetChanged>(events[0]);
        Assert.Equal("10.0.0.0/28", Assert.IsType<AddressBlockReleased>(events[1]).Cidr);
    }

    [Fact]
    public void DefineSubnet_NewBlockSizeWithAllocations_Conflicts()
    {
        var block = TestBlocks.Opened(Current(), "10.0.0.0/28", "node-1").Holding("10.0.0.2", First);

        var conflict = Assert.Throws<ResourceConflictException>(() => Redefine(Current(), Definition(layout: WithBlockSize(27)), block));

        Assert.Contains("10.0.0.0/28 of node 'node-1'", conflict.Message);
    }

    [Fact]
    public void DefineSubnet_ToUnderlay_ReleasesMacvlanBlocks()
    {
        var racks = new[] { new RackBlock("rack-a", "10.0.0.0/26", ["node-1"]) };
        var layout = new SubnetLayout(NetworkModes.Underlay, racks, WarmLevels.Default, 28, null);
        var block = TestBlocks.Opened(Current(), "10.0.0.0/28", "node-1");

        var events = Redefine(Current(), Definition(pools: [], layout: layout), block);

        Assert.Contains(events, e => e is AddressBlockReleased { Cidr: "10.0.0.0/28" });
    }

    [Fact]
    public void DefineSubnet_StaleBlockInQuarantine_Refused()
    {
        // The old /28 held 10.0.0.2 until a minute ago; its quarantine runs for four more minutes, and giving the block
        // back would hand the address to the next instance at once.
        var until = Fixed.Now.AddMinutes(4);
        var current = Current();
        var oldBlock = TestBlocks.Opened(current, "10.0.0.0/28", "node-1")
            .Holding("10.0.0.2", First, Fixed.Now.AddHours(-1))
            .With(new AddressReleased("10.0.0.2", First, "scaled in", until));

        var conflict = Assert.Throws<ResourceConflictException>(() =>
            SubnetDecider.Decide(current, new DefineSubnet("feed", Definition(layout: WithBlockSize(27))), [oldBlock], Fixed.Now));

        Assert.Contains("10.0.0.0/28 of node 'node-1'", conflict.Message);
        Assert.Contains("quarantine", conflict.Message);
    }

    [Fact]
    public void DefineSubnet_QuarantinedGateway_Refused()
    {
        var until = Fixed.Now.AddMinutes(4);
        var current = Current();
        var block = TestBlocks.Opened(current, "10.0.0.0/28", "node-1")
            .Holding("10.0.0.2", First, Fixed.Now.AddHours(-1))
            .With(new AddressReleased("10.0.0.2", First, "scaled in", until));

        var conflict = Assert.Throws<ResourceConflictException>(() =>
            SubnetDecider.Decide(current, new DefineSubnet("feed", Definition(gateway: "10.0.0.2")), [block], Fixed.Now));

        Assert.Contains("10.0.0.2", conflict.Message);
        Assert.Contains("in quarantine until", conflict.Message);
        Assert.Contains(First.ToString(), conflict.Message);
    }

    [Fact]
    public void DefineSubnet_GatewayAfterQuarantine_Accepted()
    {
        var current = Current();
        var block = TestBlocks.Opened(current, "10.0.0.0/28", "node-1")
            .Holding("10.0.0.2", First, Fixed.Now.AddHours(-1))
            .With(new AddressReleased("10.0.0.2", First, "scaled in", Fixed.Now.AddMinutes(-1)));

        var events = SubnetDecider.Decide(current, new DefineSubnet("feed", Definition(gateway: "10.0.0.2")), [block], Fixed.Now);

        Assert.Contains(events, @event => @event is SubnetChanged { Gateway: "10.0.0.2" });
    }

    [Fact]
    public void DefineSubnet_StaleBlockWhoseQuarantineEnded_GivenBack()
    {
        var current = Current();
        var oldBlock = TestBlocks.Opened(current, "10.0.0.0/28", "node-1")
            .Holding("10.0.0.2", First, Fixed.Now.AddHours(-1))
            .With(new AddressReleased("10.0.0.2", First, "scaled in", Fixed.Now.AddMinutes(-1)));

        var events = SubnetDecider.Decide(current, new DefineSubnet("feed", Definition(layout: WithBlockSize(27))), [oldBlock], Fixed.Now);

        Assert.Contains(events, @event => @event is AddressBlockReleased { Cidr: "10.0.0.0/28" });
    }
}
