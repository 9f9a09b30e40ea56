using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Tests.Subnets;

public sealed class SubnetDeciderTests
{
    private static readonly Guid Saga = Guid.Parse("5a9a0000-0000-0000-0000-000000000001");
    private static readonly Guid First = Guid.Parse("11111111-0000-0000-0000-000000000001");
    private static readonly Guid Second = Guid.Parse("11111111-0000-0000-0000-000000000002");
    private static readonly Guid Third = Guid.Parse("11111111-0000-0000-0000-000000000003");

    private static SubnetDefined Defined(string cidr = "127.42.0.0/24", string? gateway = "127.42.0.1") =>
        new("feed", cidr, gateway, ["feed-pool"], []);

    private static Subnet Given(params object[] events) => SubnetDecider.Fold(events)!;

    [Fact]
    public void DefineSubnet_New_RecordsSubnetDefined()
    {
        var definition = new SubnetDefinition("127.42.0.0/24", "127.42.0.1", ["feed-pool"], []);

        var events = SubnetDecider.Decide(null, new DefineSubnet("feed", definition));

        Assert.Equal([new SubnetDefined("feed", "127.42.0.0/24", "127.42.0.1", ["feed-pool"], [])], events, EventComparer.Instance);
    }

    [Fact]
    public void DefineSubnet_SameDefinition_RecordsNothing()
    {
        var state = Given(Defined());

        var events = SubnetDecider.Decide(state, new DefineSubnet("feed", new SubnetDefinition("127.42.0.0/24", "127.42.0.1", ["feed-pool"], [])));

        Assert.Empty(events);
    }

    [Fact]
    public void DefineSubnet_NewPools_RecordsSubnetChanged()
    {
        var state = Given(Defined());

        var events = SubnetDecider.Decide(state, new DefineSubnet("feed", new SubnetDefinition("127.42.0.0/24", "127.42.0.1", ["feed-pool", "shared-pool"], ["node-1"])));

        Assert.Equal([new SubnetChanged("127.42.0.0/24", "127.42.0.1", ["feed-pool", "shared-pool"], ["node-1"])], events, EventComparer.Instance);
    }

    [Fact]
    public void DefineSubnet_CidrChangeWithLiveAllocations_Conflicts()
    {
        var state = Given(Defined(), new AddressAllocated("127.42.0.2", First, Saga, "node-1"));

        var conflict = Assert.Throws<ResourceConflictException>(() =>
            SubnetDecider.Decide(state, new DefineSubnet("feed", new SubnetDefinition("127.42.0.0/23", "127.42.0.1", ["feed-pool"], []))));

        Assert.Contains("1 live allocations", conflict.Message);
        Assert.Contains("127.42.0.0/23", conflict.Message);
    }

    [Fact]
    public void DefineSubnet_CidrChangeAfterRelease_Changes()
    {
        var state = Given(
            Defined(),
            new AddressAllocated("127.42.0.2", First, Saga, "node-1"),
            new AddressReleased("127.42.0.2", First, "scale-in"));

        var events = SubnetDecider.Decide(state, new DefineSubnet("feed", new SubnetDefinition("127.42.0.0/23", "127.42.0.1", ["feed-pool"], [])));

        Assert.Single(events.OfType<SubnetChanged>());
    }

    [Fact]
    public void DefineSubnet_GatewayOnAllocatedAddress_Conflicts()
    {
        var state = Given(Defined(), new AddressAllocated("127.42.0.2", First, Saga, "node-1"));

        var conflict = Assert.Throws<ResourceConflictException>(() =>
            SubnetDecider.Decide(state, new DefineSubnet("feed", new SubnetDefinition("127.42.0.0/24", "127.42.0.2", ["feed-pool"], []))));

        Assert.Contains(First.ToString(), conflict.Message);
    }

    [Fact]
    public void AllocateAddress_EmptySubnet_GivesLowestAfterGateway()
    {
        var state = Given(Defined());

        var decision = SubnetDecider.Decide(state, new AllocateAddress(First, Saga, "node-1"));

        Assert.Equal("127.42.0.2", decision.Address);
        Assert.Equal([new AddressAllocated("127.42.0.2", First, Saga, "node-1")], decision.Events, EventComparer.Instance);
    }

    [Fact]
    public void AllocateAddress_WithoutGateway_GivesFirstUsable()
    {
        var state = Given(Defined(gateway: null));

        var decision = SubnetDecider.Decide(state, new AllocateAddress(First, Saga, "node-1"));

        Assert.Equal("127.42.0.1", decision.Address);
    }

    [Fact]
    public void AllocateAddress_SomeTaken_GivesLowestFree()
    {
        var state = Given(
            Defined(),
            new AddressAllocated("127.42.0.2", First, Saga, "node-1"),
            new AddressAllocated("127.42.0.4", Second, Saga, "node-1"));

        var decision = SubnetDecider.Decide(state, new AllocateAddress(Third, Saga, "node-2"));

        Assert.Equal([new AddressAllocated("127.42.0.3", Third, Saga, "node-2")], decision.Events, EventComparer.Instance);
    }

    [Fact]
    public void AllocateAddress_Repeated_ReturnsSameAddress()
    {
        var state = Given(Defined(), new AddressAllocated("127.42.0.2", First, Saga, "node-1"));

        var decision = SubnetDecider.Decide(state, new AllocateAddress(First, Guid.NewGuid(), "node-1"));

        Assert.Equal("127.42.0.2", decision.Address);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void AllocateAddress_FullSubnet_Rejects()
    {
        // A /30 has two usable addresses; the gateway takes one and the first instance the other.
        var state = Given(Defined("10.0.0.0/30", "10.0.0.1"), new AddressAllocated("10.0.0.2", First, Saga, "node-1"));

        var decision = SubnetDecider.Decide(state, new AllocateAddress(Second, Saga, "node-1"));

        Assert.Null(decision.Address);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void AllocateAddress_AfterRelease_ReusesAddress()
    {
        var state = Given(
            Defined(),
            new AddressAllocated("127.42.0.2", First, Saga, "node-1"),
            new AddressAllocated("127.42.0.3", Second, Saga, "node-1"),
            new AddressReleased("127.42.0.2", First, "scale-in"));

        var decision = SubnetDecider.Decide(state, new AllocateAddress(Third, Saga, "node-1"));

        Assert.Equal([new AddressAllocated("127.42.0.2", Third, Saga, "node-1")], decision.Events, EventComparer.Instance);
    }

    [Fact]
    public void ReleaseAddress_InstanceHoldsAddress_RecordsAddressReleased()
    {
        var state = Given(Defined(), new AddressAllocated("127.42.0.2", First, Saga, "node-1"));

        var events = SubnetDecider.Decide(state, new ReleaseAddress(First, "scale-in"));

        Assert.Equal([new AddressReleased("127.42.0.2", First, "scale-in")], events, EventComparer.Instance);
    }

    [Fact]
    public void ReleaseAddress_UnknownInstance_RecordsNothing()
    {
        var state = Given(Defined(), new AddressAllocated("127.42.0.2", First, Saga, "node-1"));

        Assert.Empty(SubnetDecider.Decide(state, new ReleaseAddress(Second, "scale-in")));
    }

    [Fact]
    public void Evolve_AllocateThenRelease_TracksLiveAllocations()
    {
        var state = Given(
            Defined(),
            new AddressAllocated("127.42.0.2", First, Saga, "node-1"),
            new AddressAllocated("127.42.0.3", Second, Saga, "node-2"),
            new AddressReleased("127.42.0.2", First, "scale-in"));

        var allocation = Assert.Single(state.Allocations);
        Assert.Equal(new LiveAllocation("127.42.0.3", Second, Saga, "node-2"), allocation);
        Assert.Equal("subnet/feed", state.Id);
    }
}
