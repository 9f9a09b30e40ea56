using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Tests.Subnets.Validation;

/// <summary>The racks of an underlay subnet: inside the subnet, disjoint, each node in one rack, and no pools or nodes besides.</summary>
public sealed class RackValidationTests
{
    private static readonly IReadOnlyDictionary<string, string> NoOthers = new Dictionary<string, string>();

    private static SubnetSpec Underlay(RackSpec[]? racks, string[]? pools = null, string[]? nodes = null, string cidr = "10.0.0.0/24") =>
        new(cidr, null, pools, nodes, NetworkModes.Underlay, racks);

    private static RackSpec RackA => new("rack-a", "10.0.0.0/26", ["node-2", "node-1", "node-2"]);

    private static RackSpec RackB => new("rack-b", "10.0.0.64/26", ["node-3"]);

    private static RequestValidationException Invalid(SubnetSpec spec) =>
        Assert.Throws<RequestValidationException>(() => SubnetSpecValidator.Validate("feed", spec, NoOthers));

    [Fact]
    public void Validate_TwoRacks_SortedAndCanonical()
    {
        var definition = SubnetSpecValidator.Validate("feed", Underlay([RackB, RackA]), NoOthers);

        var layout = definition.EffectiveLayout;
        Assert.Equal(NetworkModes.Underlay, layout.Mode);
        Assert.Equal(["rack-a", "rack-b"], layout.Racks.Select(rack => rack.Name));
        Assert.Equal("10.0.0.0/26", layout.Racks[0].Cidr);
        Assert.Equal(["node-1", "node-2"], layout.Racks[0].Nodes);
        Assert.Empty(definition.Pools);
        Assert.Empty(definition.Nodes);
    }

    [Fact]
    public void Validate_UnderlayWithoutRacks_NamesRacks()
    {
        var error = Invalid(Underlay(null));

        Assert.Contains("needs at least one rack", Assert.Single(error.Errors["spec.racks"]));
    }

    [Fact]
    public void Validate_RacksInMacvlan_NamesRacks()
    {
        var error = Invalid(new SubnetSpec("10.0.0.0/24", null, ["feed-pool"], null, NetworkModes.Macvlan, [RackA]));

        Assert.Contains("racks apply only to underlay subnets", Assert.Single(error.Errors["spec.racks"]));
    }

    [Fact]
    public void Validate_RackOutsideSubnet_NamesItsIndex()
    {
        var error = Invalid(Underlay([RackA, new RackSpec("rack-b", "10.0.1.0/26", ["node-3"])]));

        Assert.Contains("cidr 10.0.1.0/26 is not inside the subnet 10.0.0.0/24", Assert.Single(error.Errors["spec.racks[1]"]));
        Assert.False(error.Errors.ContainsKey("spec.racks[0]"));
    }

    [Fact]
    public void Validate_RackWiderThanSubnet_IsOutside()
    {
        var error = Invalid(Underlay([new RackSpec("rack-a", "10.0.0.0/23", ["node-1"])]));

        Assert.Contains("is not inside the subnet", Assert.Single(error.Errors["spec.racks[0]"]));
    }

    [Fact]
    public void Validate_RackOfOtherFamily_IsOutside()
    {
        var error = Invalid(Underlay([new RackSpec("rack-a", "fd00::/120", ["node-1"])]));

        Assert.Contains("is not inside the subnet", Assert.Single(error.Errors["spec.racks[0]"]));
    }

    [Fact]
    public void Validate_OverlappingRacks_NamesTheFirst()
    {
        var error = Invalid(Underlay([RackA, new RackSpec("rack-b", "10.0.0.32/27", ["node-3"])]));

        Assert.Contains("overlaps rack 'rack-a' (10.0.0.0/26)", Assert.Single(error.Errors["spec.racks[1]"]));
    }

    [Fact]
    public void Validate_NodeInTwoRacks_NamesBothRacks()
    {
        var error = Invalid(Underlay([RackA, new RackSpec("rack-b", "10.0.0.64/26", ["node-3", "node-1"])]));

        Assert.Contains("node 'node-1' is already in rack 'rack-a'", Assert.Single(error.Errors["spec.racks[1]"]));
    }

    [Fact]
    public void Validate_RackListedTwice_NamesSecond()
    {
        var error = Invalid(Underlay([RackA, new RackSpec("rack-a", "10.0.0.64/26", ["node-3"])]));

        Assert.Contains("rack 'rack-a' is listed twice", Assert.Single(error.Errors["spec.racks[1]"]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Rack-A")]
    [InlineData("rack_a")]
    public void Validate_BadRackName_NamesIndex(string? name)
    {
        var error = Invalid(Underlay([new RackSpec(name, "10.0.0.0/26", ["node-1"])]));

        Assert.Contains("is not a valid rack name", Assert.Single(error.Errors["spec.racks[0]"]));
    }

    [Fact]
    public void Validate_RackCidrHostBits_NamesNetwork()
    {
        var error = Invalid(Underlay([new RackSpec("rack-a", "10.0.0.5/26", ["node-1"])]));

        Assert.Contains("write 10.0.0.0/26", Assert.Single(error.Errors["spec.racks[0]"]));
    }

    [Fact]
    public void Validate_RackWithoutNodes_NamesIndex()
    {
        var error = Invalid(Underlay([new RackSpec("rack-a", "10.0.0.0/26", [" "])]));

        Assert.Contains("nodes is empty", Assert.Single(error.Errors["spec.racks[0]"]));
    }

    [Fact]
    public void Validate_RackWithSeveralProblems_ListsEach()
    {
        var error = Invalid(Underlay([new RackSpec("Rack", "10.0.1.0/26", null)]));

        Assert.Equal(3, error.Errors["spec.racks[0]"].Length);
    }

    [Fact]
    public void Validate_UnderlayWithPools_NamesPools()
    {
        var error = Invalid(Underlay([RackA], pools: ["feed-pool"]));

        Assert.Contains("move the nodes to racks[].nodes", Assert.Single(error.Errors["spec.pools"]));
    }

    [Fact]
    public void Validate_UnderlayWithNodes_NamesNodes()
    {
        var error = Invalid(Underlay([RackA], nodes: ["node-1"]));

        Assert.Contains("serves the nodes of its racks only", Assert.Single(error.Errors["spec.nodes"]));
    }

    [Fact]
    public void Validate_UnderlayWithoutPoolsOrNodes_IsAccepted()
    {
        var definition = SubnetSpecValidator.Validate("feed", Underlay([RackA]), NoOthers);

        Assert.Single(definition.EffectiveLayout.Racks);
    }

    [Fact]
    public void Validate_NarrowRack_SetsDefaultBlockSize()
    {
        var definition = SubnetSpecValidator.Validate("feed", Underlay([RackA, new RackSpec("rack-b", "10.0.0.64/29", ["node-3"])]), NoOthers);

        Assert.Equal(29, definition.EffectiveLayout.BlockPrefixLength);
    }

    [Fact]
    public void Validate_Ipv6Racks_AreAccepted()
    {
        var racks = new[] { new RackSpec("rack-a", "FD00::/120", ["node-1"]), new RackSpec("rack-b", "fd00::100/120", ["node-2"]) };

        var definition = SubnetSpecValidator.Validate("feed", Underlay(racks, cidr: "fd00::/64"), NoOthers);

        Assert.Equal(["fd00::/120", "fd00::100/120"], definition.EffectiveLayout.Racks.Select(rack => rack.Cidr));
        Assert.Equal(124, definition.EffectiveLayout.BlockPrefixLength);
    }

    [Fact]
    public void Validate_RackGatewayOutsideItsBlock_NamesTheRack()
    {
        var error = Invalid(Underlay([RackA with { Gateway = "10.0.0.65" }]));

        Assert.Contains("not a usable address of the rack's block", Assert.Single(error.Errors["spec.racks[0]"]));
    }

    [Fact]
    public void Validate_RackGatewayInsideItsBlock_IsKeptCanonical()
    {
        var definition = SubnetSpecValidator.Validate("feed", Underlay([RackA with { Gateway = "10.0.0.1" }]), NoOthers);

        Assert.Equal("10.0.0.1", Assert.Single(definition.EffectiveLayout.Racks).Gateway);
    }
}
