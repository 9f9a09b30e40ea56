using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Tests.Subnets.Validation;

public sealed class SubnetSpecValidatorTests
{
    private static readonly IReadOnlyDictionary<string, string> NoOthers = new Dictionary<string, string>();

    private static SubnetSpec Spec(string? cidr = "127.42.0.0/24", string? gateway = "127.42.0.1", string[]? pools = null, string[]? nodes = null) =>
        new(cidr, gateway, pools ?? ["shared-pool", "feed-pool", "feed-pool"], nodes ?? []);

    private static RequestValidationException Invalid(string name, SubnetSpec spec, IReadOnlyDictionary<string, string>? others = null) =>
        Assert.Throws<RequestValidationException>(() => SubnetSpecValidator.Validate(name, spec, others ?? NoOthers));

    [Fact]
    public void Validate_ValidSpec_ReturnsCanonicalDefinition()
    {
        var definition = SubnetSpecValidator.Validate("feed", Spec(), NoOthers);

        Assert.Equal("127.42.0.0/24", definition.Cidr);
        Assert.Equal("127.42.0.1", definition.Gateway);
        Assert.Equal(["feed-pool", "shared-pool"], definition.Pools);
        Assert.Empty(definition.Nodes);
    }

    [Fact]
    public void Validate_NoLayoutFields_GivesDefaultLayout()
    {
        var definition = SubnetSpecValidator.Validate("feed", Spec(), NoOthers);

        Assert.NotNull(definition.Layout);
        Assert.Equal(NetworkModes.Macvlan, definition.Layout.Mode);
        Assert.Empty(definition.Layout.Racks);
        Assert.Equal(WarmLevels.Default, definition.Layout.Warm);
        Assert.Equal(28, definition.Layout.BlockPrefixLength);
        Assert.Null(definition.Layout.Interfaces);
    }

    [Fact]
    public void Validate_DuplicateMembers_SortedAndDistinct()
    {
        var definition = SubnetSpecValidator.Validate("feed", Spec(pools: [], nodes: ["node-2", "node-1", "node-2"]), NoOthers);

        Assert.Equal(["node-1", "node-2"], definition.Nodes);
    }

    [Fact]
    public void Validate_Ipv6Spec_NormalisesText()
    {
        var definition = SubnetSpecValidator.Validate("feed-v6", Spec("FD00:0::/64", "FD00::1"), NoOthers);

        Assert.Equal("fd00::/64", definition.Cidr);
        Assert.Equal("fd00::1", definition.Gateway);
    }

    [Fact]
    public void Validate_NoGateway_IsAccepted()
    {
        var definition = SubnetSpecValidator.Validate("node-block", Spec("10.0.0.9/32", null, [], ["node-1"]), NoOthers);

        Assert.Null(definition.Gateway);
        Assert.Equal(["node-1"], definition.Nodes);
    }

    [Theory]
    [InlineData("Feed")]
    [InlineData("feed_pool")]
    [InlineData("-feed")]
    [InlineData("feed-")]
    [InlineData("feed.example")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123")]
    public void Validate_NameNotDnsLabel_NamesField(string name)
    {
        var error = Invalid(name, Spec());

        Assert.Contains("lowercase letters, digits and '-'", Assert.Single(error.Errors["name"]));
    }

    [Fact]
    public void Validate_HostBitsSet_SaysNetworkAddress()
    {
        var error = Invalid("feed", Spec("127.42.0.5/24", "127.42.0.1"));

        Assert.Contains("write 127.42.0.0/24", Assert.Single(error.Errors["spec.cidr"]));
    }

    [Fact]
    public void Validate_MissingCidr_NamesField()
    {
        var error = Invalid("feed", Spec(cidr: null, gateway: null));

        Assert.Contains("cidr is missing", Assert.Single(error.Errors["spec.cidr"]));
    }

    [Theory]
    [InlineData("127.43.0.1", "is outside 127.42.0.0/24")]
    [InlineData("127.42.0.0", "is the network address")]
    [InlineData("127.42.0.255", "is the broadcast address")]
    [InlineData("fd00::1", "is outside 127.42.0.0/24")]
    [InlineData("gateway", "is not an IPv4 or IPv6 address")]
    public void Validate_BadGateway_NamesFieldAndRange(string gateway, string expected)
    {
        var error = Invalid("feed", Spec(gateway: gateway));

        var message = Assert.Single(error.Errors["spec.gateway"]);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void Validate_GatewayOutside_SuggestsUsableRange()
    {
        var error = Invalid("feed", Spec(gateway: "127.43.0.1"));

        Assert.Contains("from 127.42.0.1 to 127.42.0.254", Assert.Single(error.Errors["spec.gateway"]));
    }

    [Fact]
    public void Validate_NoPoolsOrNodes_NamesField()
    {
        var error = Invalid("feed", new SubnetSpec("127.42.0.0/24", "127.42.0.1", null, []));

        Assert.Contains("at least one pool or one node", Assert.Single(error.Errors["spec.pools"]));
    }

    [Fact]
    public void Validate_BlankPool_NamesIndex()
    {
        var error = Invalid("feed", Spec(pools: ["feed-pool", " "]));

        Assert.Contains("pools[1]", Assert.Single(error.Errors["spec.pools"]));
    }

    [Fact]
    public void Validate_NodeWithSpace_NamesIndex()
    {
        var error = Invalid("feed", Spec(pools: [], nodes: ["node-1", "node 2"]));

        Assert.Contains("nodes[1] 'node 2'", Assert.Single(error.Errors["spec.nodes"]));
    }

    [Fact]
    public void Validate_OverlapsOtherSubnet_NamesIt()
    {
        var others = new Dictionary<string, string> { ["shared"] = "127.42.0.0/16", ["elsewhere"] = "10.0.0.0/8" };

        var error = Invalid("feed", Spec(), others);

        var message = Assert.Single(error.Errors["spec.cidr"]);
        Assert.Contains("subnet 'shared' (127.42.0.0/16)", message);
    }

    [Fact]
    public void Validate_AdjacentSubnet_IsAccepted()
    {
        var others = new Dictionary<string, string> { ["next"] = "127.42.1.0/24" };

        Assert.Equal("127.42.0.0/24", SubnetSpecValidator.Validate("feed", Spec(), others).Cidr);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEachField()
    {
        var error = Invalid("Feed", new SubnetSpec("127.42.0.0/33", "nope", [], []));

        Assert.Equal(["name", "spec.cidr", "spec.gateway", "spec.pools"], error.Errors.Keys.Order());
    }

    [Fact]
    public void Validate_OverlapsSeveral_ListsEachInNameOrder()
    {
        var others = new Dictionary<string, string> { ["wide"] = "127.0.0.0/8", ["exact"] = "127.42.0.0/24" };

        var error = Invalid("feed", Spec(), others);

        Assert.Equal(2, error.Errors["spec.cidr"].Length);
        Assert.Contains("subnet 'exact'", error.Errors["spec.cidr"][0]);
        Assert.Contains("subnet 'wide'", error.Errors["spec.cidr"][1]);
    }

    [Fact]
    public void Validate_OtherFamily_DoesNotOverlap()
    {
        var others = new Dictionary<string, string> { ["v6"] = "::/0" };

        Assert.Equal("127.42.0.0/24", SubnetSpecValidator.Validate("feed", Spec(), others).Cidr);
    }

    [Theory]
    [InlineData("::ffff:10.20.0.0/120")]
    [InlineData("::/64")]
    [InlineData("::/0")]
    public void Validate_RangeWithIpv4MappedAddresses_IsRefused(string cidr)
    {
        var error = Invalid("feed", Spec(cidr, gateway: null, pools: ["feed-pool"]));

        Assert.Contains("IPv4", Assert.Single(error.Errors["spec.cidr"]));
    }

    [Fact]
    public void Validate_Ipv4MappedGateway_AsksForTheIpv4Spelling()
    {
        var error = Invalid("feed", Spec("127.42.0.0/24", "::ffff:127.42.0.1", pools: ["feed-pool"]));

        Assert.Contains("write it as 127.42.0.1", Assert.Single(error.Errors["spec.gateway"]));
    }
}
