using Surge.Contracts.Addresses;
using Surge.Ipam.Allocation;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.Tests.Allocation;

public sealed class AllocationPlannerTests
{
    private static readonly Guid Saga = Guid.Parse("5a9a0000-0000-0000-0000-000000000001");
    private static readonly Guid First = Guid.Parse("11111111-0000-0000-0000-000000000001");
    private static readonly Guid Second = Guid.Parse("11111111-0000-0000-0000-000000000002");
    private static readonly Guid Third = Guid.Parse("11111111-0000-0000-0000-000000000003");

    private static Subnet Subnet(string name, string cidr, string? gateway, string[] pools, string[] nodes, params object[] later) =>
        SubnetDecider.Fold([new SubnetDefined(name, cidr, gateway, pools, nodes), .. later])!;

    [Fact]
    public void Plan_PoolSubnet_AssignsLowestAddressesInOrder()
    {
        var feed = Subnet("feed", "127.42.0.0/24", "127.42.0.1", ["feed-pool"], []);

        var plan = AllocationPlanner.Plan([feed], Saga, [new(First, "node-1", "feed-pool"), new(Second, "node-2", "feed-pool")]);

        Assert.Null(plan.Rejection);
        Assert.Equal([new AddressAssignment(First, "feed", "127.42.0.2"), new AddressAssignment(Second, "feed", "127.42.0.3")], plan.Assignments);
        Assert.Equal(2, plan.EventsBySubnet["feed"].Count);
    }

    [Fact]
    public void Plan_NodeSubnet_PreferredOverPoolSubnet()
    {
        var pool = Subnet("a-pool", "127.42.0.0/24", null, ["feed-pool"], []);
        var node = Subnet("z-node", "127.43.0.0/24", null, [], ["node-1"]);

        var plan = AllocationPlanner.Plan([pool, node], Saga, [new(First, "node-1", "feed-pool")]);

        Assert.Equal("z-node", Assert.Single(plan.Assignments).Subnet);
    }

    [Fact]
    public void Plan_FirstSubnetFull_UsesNext()
    {
        var small = Subnet("a-small", "10.0.0.0/31", null, ["feed-pool"], [], new AddressAllocated("10.0.0.0", Third, Saga, "node-1"));
        var wide = Subnet("b-wide", "127.42.0.0/24", null, ["feed-pool"], []);

        var plan = AllocationPlanner.Plan([small, wide], Saga, [new(First, "node-1", "feed-pool"), new(Second, "node-1", "feed-pool")]);

        Assert.Equal([new AddressAssignment(First, "a-small", "10.0.0.1"), new AddressAssignment(Second, "b-wide", "127.42.0.1")], plan.Assignments);
    }

    [Fact]
    public void Plan_InstanceHoldsAddress_ReturnsSameWithoutEvents()
    {
        var feed = Subnet("feed", "127.42.0.0/24", null, ["feed-pool"], [], new AddressAllocated("127.42.0.7", First, Saga, "node-1"));

        var plan = AllocationPlanner.Plan([feed], Guid.NewGuid(), [new(First, "node-1", "feed-pool")]);

        Assert.Equal(new AddressAssignment(First, "feed", "127.42.0.7"), Assert.Single(plan.Assignments));
        Assert.Empty(plan.EventsBySubnet);
    }

    [Fact]
    public void Plan_SameInstanceTwice_AssignsOneAddress()
    {
        var feed = Subnet("feed", "127.42.0.0/24", null, ["feed-pool"], []);

        var plan = AllocationPlanner.Plan([feed], Saga, [new(First, "node-1", "feed-pool"), new(First, "node-1", "feed-pool")]);

        Assert.All(plan.Assignments, assignment => Assert.Equal("127.42.0.1", assignment.Address));
        Assert.Single(plan.EventsBySubnet["feed"]);
    }

    [Fact]
    public void Plan_NoServingSubnet_RejectsAll()
    {
        var feed = Subnet("feed", "127.42.0.0/24", null, ["feed-pool"], []);

        var plan = AllocationPlanner.Plan([feed], Saga, [new(First, "node-1", "feed-pool"), new(Second, "node-9", "other-pool")]);

        Assert.Empty(plan.Assignments);
        Assert.Empty(plan.EventsBySubnet);
        Assert.Contains(Second.ToString(), plan.Rejection);
        Assert.Contains("node 'node-9'", plan.Rejection);
        Assert.Contains("pool 'other-pool'", plan.Rejection);
    }

    [Fact]
    public void Plan_NotEnoughAddresses_RejectsAll()
    {
        var tiny = Subnet("tiny", "10.0.0.0/30", "10.0.0.1", ["feed-pool"], []);

        var plan = AllocationPlanner.Plan([tiny], Saga, [new(First, "node-1", "feed-pool"), new(Second, "node-1", "feed-pool")]);

        Assert.Empty(plan.Assignments);
        Assert.Empty(plan.EventsBySubnet);
        Assert.Contains(Second.ToString(), plan.Rejection);
        Assert.Contains("'tiny' (10.0.0.0/30)", plan.Rejection);
        Assert.Contains("serves it but is full", plan.Rejection);
    }
}
