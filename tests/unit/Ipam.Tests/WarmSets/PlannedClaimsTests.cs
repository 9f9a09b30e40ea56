using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;
using Surge.Ipam.WarmSets;

namespace Surge.Ipam.Tests.WarmSets;

/// <summary>
/// A refill plans its claims against one subnet state and decides exactly what claiming and folding one block at a
/// time decides.
/// </summary>
public sealed class PlannedClaimsTests
{
    // Claims one block at a time and folds each before the next, node by node in name order, up to the target.
    private static List<AddressBlockClaimed> ClaimedOneByOne(Subnet subnet, int target)
    {
        var claims = new List<AddressBlockClaimed>();
        var state = subnet;
        foreach (var node in subnet.Nodes.Concat(subnet.EffectiveLayout.Racks.SelectMany(rack => rack.Nodes)).Order(StringComparer.Ordinal))
        {
            var free = 0;
            while (free < target && SubnetDecider.ClaimBlock(state, node, Fixed.Now) is { } claimed)
            {
                claims.Add(claimed);
                state = SubnetDecider.Evolve(state, claimed)!;
                free += (int)state.CountUsable(Surge.Ipam.Addressing.AddressBlock.Parse(claimed.Cidr));
            }
        }

        return claims;
    }

    private static string[] Nodes(int count) => [.. Enumerable.Range(1, count).Select(number => $"node-{number:D2}")];

    [Fact]
    public void Plan_ManyNodesMacvlan_MatchesOneByOne()
    {
        var subnet = TestSubnets.Macvlan("10.1.0.0/20", gateway: "10.1.0.1", nodes: Nodes(30), warm: new WarmLevels(40, 40));

        var claims = WarmSetPlanner.Plan(subnet, [], Fixed.Now).Cast<AddressBlockClaimed>().ToList();

        Assert.Equal(ClaimedOneByOne(subnet, 40), claims);
        Assert.Equal(90, claims.Count);
    }

    [Fact]
    public void Plan_ManyNodesUnderlay_MatchesOneByOne()
    {
        var racks = new[] { new RackBlock("rack-a", "10.2.0.0/24", Nodes(6)[..3]), new RackBlock("rack-b", "10.2.1.0/24", Nodes(6)[3..]) };
        var subnet = TestSubnets.Underlay("10.2.0.0/23", racks, warm: new WarmLevels(60, 60));

        var claims = WarmSetPlanner.Plan(subnet, [], Fixed.Now).Cast<AddressBlockClaimed>().ToList();

        Assert.Equal(ClaimedOneByOne(subnet, 60), claims);
        Assert.Equal(["rack-a", "rack-b"], claims.Select(claim => claim.Rack).Distinct());
    }

    [Fact]
    public void Plan_RangeExhausted_MatchesOneByOne()
    {
        // 4 blocks of /28 for 3 nodes that want 2 each: the third node gets none.
        var subnet = TestSubnets.Macvlan("10.3.0.0/26", nodes: Nodes(3), warm: new WarmLevels(20, 20));

        var claims = WarmSetPlanner.Plan(subnet, [], Fixed.Now).Cast<AddressBlockClaimed>().ToList();

        Assert.Equal(ClaimedOneByOne(subnet, 20), claims);
        Assert.Equal(["node-01", "node-01", "node-02", "node-02"], claims.Select(claim => claim.Node));
    }

    [Fact]
    public void Plan_GivenBackBlock_ClaimedByLaterNode()
    {
        // node-01 claims first, node-02 gives back its lowest-placed surplus block, and node-03 then claims that block,
        // which only a state that contains node-01's claim and node-02's release offers.
        var subnet = TestSubnets.Macvlan("10.4.0.0/24", nodes: ["node-01", "node-02", "node-03"], warm: new WarmLevels(8, 8))
            .WithBlock("10.4.0.16/28", "node-02")
            .WithBlock("10.4.0.0/28", "node-02");

        var events = WarmSetPlanner.Plan(subnet, TestBlocks.OpenedFor(subnet), Fixed.Now);

        Assert.Equal(
            ["claimed 10.4.0.32/28 node-01", "released 10.4.0.0/28", "claimed 10.4.0.0/28 node-03"],
            events.Select(@event => @event switch
            {
                AddressBlockClaimed claimed => $"claimed {claimed.Cidr} {claimed.Node}",
                AddressBlockReleased released => $"released {released.Cidr}",
                _ => @event.ToString()!,
            }));
    }

    [Fact]
    public void ClaimBlock_Planned_LeavesTheStateSearchable()
    {
        // A planned search must not move the shared state's own start past free blocks: the state is also the one the
        // allocations claim from.
        var subnet = TestSubnets.Macvlan("10.5.0.0/24", nodes: ["node-01"]);
        var planned = new PlannedClaims();

        Assert.Equal("10.5.0.0/28", SubnetDecider.ClaimBlock(subnet, "node-01", Fixed.Now, planned)!.Cidr);
        Assert.Equal("10.5.0.16/28", SubnetDecider.ClaimBlock(subnet, "node-01", Fixed.Now, planned)!.Cidr);
        Assert.Equal("10.5.0.0/28", SubnetDecider.ClaimBlock(subnet, "node-01", Fixed.Now)!.Cidr);
    }
}
