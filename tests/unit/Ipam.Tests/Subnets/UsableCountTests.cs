using Surge.Ipam.Addressing;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Subnets;

/// <summary>Counting a range's usable addresses by its bounds gives what counting the parsed range gives.</summary>
public sealed class UsableCountTests
{
    [Theory]
    [InlineData("10.0.0.0/28", 14)]
    [InlineData("10.0.0.16/28", 16)]
    [InlineData("10.0.0.240/28", 15)]
    [InlineData("10.0.1.0/28", 0)]
    public void CountUsable_ByBounds_MatchesParsedRange(string cidr, int expected)
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/24", "10.0.0.1");
        var range = AddressBlock.Parse(cidr);

        Assert.Equal((UInt128)expected, subnet.CountUsable(range.First, range.Last, range.Family));
        Assert.Equal(subnet.CountUsable(range), subnet.CountUsable(range.First, range.Last, range.Family));
    }
}
