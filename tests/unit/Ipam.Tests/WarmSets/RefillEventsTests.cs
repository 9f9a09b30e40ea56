using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;
using Surge.Ipam.WarmSets;

namespace Surge.Ipam.Tests.WarmSets;

/// <summary>
/// A refill writes its claims and its releases as one event per run, and the subnet folds that event exactly as it
/// folds the separate events it replaces.
/// </summary>
public sealed class RefillEventsTests
{
    private static AddressBlockClaimed Claim(string cidr, string node = "node-1") => new(cidr, node, null, null, true, Fixed.Now);

    private static AddressBlockReleased Release(string cidr, DateTimeOffset? paused = null) => new(cidr, "surplus", paused);

    [Fact]
    public void Grouped_Runs_BecomeOneEventEach()
    {
        object[] planned = [Claim("10.0.0.0/28"), Claim("10.0.0.16/28"), Release("10.0.0.32/28"), Release("10.0.0.48/28")];

        var grouped = RefillEvents.Grouped(planned);

        Assert.Equal(2, grouped.Count);
        Assert.Equal([Claim("10.0.0.0/28"), Claim("10.0.0.16/28")], Assert.IsType<AddressBlocksClaimed>(grouped[0]).Claims);
        Assert.Equal([Release("10.0.0.32/28"), Release("10.0.0.48/28")], Assert.IsType<AddressBlocksReleased>(grouped[1]).Releases);
    }

    [Fact]
    public void Grouped_SingleEventsAndOrder_StayAsPlanned()
    {
        object[] planned = [Release("10.0.0.0/28"), Claim("10.0.0.0/28", "node-2"), Release("10.0.0.16/28")];

        Assert.Equal(planned, RefillEvents.Grouped(planned));
    }

    [Fact]
    public void Grouped_Nothing_IsNothing() => Assert.Empty(RefillEvents.Grouped([]));

    [Fact]
    public void Evolve_GroupedClaims_FoldLikeSeparate()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/24").WithBlock("10.0.0.0/28", "node-1");
        AddressBlockClaimed[] claims = [Claim("10.0.0.16/28", "node-2"), Claim("10.0.0.32/28"), Claim("10.0.0.48/28", "node-2")];

        var separate = subnet.With([.. claims]);
        var grouped = subnet.With(new AddressBlocksClaimed(claims));

        Assert.Equal(separate.Blocks, grouped.Blocks);
        Assert.Equal(separate.BlocksOf("node-2"), grouped.BlocksOf("node-2"));
    }

    [Fact]
    public void Evolve_GroupedReleases_FoldLikeSeparate()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/24")
            .WithBlock("10.0.0.0/28", "node-1")
            .WithBlock("10.0.0.16/28", "node-2")
            .WithBlock("10.0.0.32/28", "node-1")
            .WithBlock("10.0.0.48/28", "node-3");
        AddressBlockReleased[] releases = [Release("10.0.0.0/28"), Release("10.0.0.16/28", Fixed.Now.AddMinutes(1)), Release("10.0.0.48/28", Fixed.Now.AddMinutes(2))];

        var separate = subnet.With([.. releases]);
        var grouped = subnet.With(new AddressBlocksReleased(releases));

        Assert.Equal(separate.Blocks, grouped.Blocks);
        Assert.Equal(["10.0.0.32/28"], grouped.Blocks.Select(block => block.Cidr));
        Assert.Equal(separate.PausedClaims, grouped.PausedClaims);
        Assert.Equal(2, grouped.PausedClaims!.Count);
    }
}
