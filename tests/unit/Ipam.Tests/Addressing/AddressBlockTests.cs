using System.Diagnostics;
using System.Net;
using Surge.Ipam.Addressing;

namespace Surge.Ipam.Tests.Addressing;

public sealed class AddressBlockTests
{
    [Theory]
    [InlineData("127.42.0.0/24", "127.42.0.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("10.0.0.7/32", "10.0.0.7/32")]
    [InlineData("FD00:0:0:0::/64", "fd00::/64")]
    [InlineData("::/0", "::/0")]
    public void TryParse_ValidNetwork_ReturnsCanonicalForm(string cidr, string expected)
    {
        Assert.True(AddressBlock.TryParse(cidr, out var block, out var error), error);
        Assert.Equal(expected, block.ToString());
    }

    [Fact]
    public void TryParse_HostBitsSet_NamesNetworkAddress()
    {
        Assert.False(AddressBlock.TryParse("127.42.0.5/24", out _, out var error));
        Assert.Contains("host bits", error);
        Assert.Contains("write 127.42.0.0/24", error);
    }

    [Fact]
    public void TryParse_Ipv6HostBits_NamesNetwork()
    {
        Assert.False(AddressBlock.TryParse("fd00::1/64", out _, out var error));
        Assert.Contains("write fd00::/64", error);
    }

    [Theory]
    [InlineData("127.42.0.0")]
    [InlineData("127.42.0.0/24/1")]
    [InlineData("127.42.0.0/33")]
    [InlineData("127.42.0.0/-1")]
    [InlineData("127.42.0.0/ 24")]
    [InlineData("fd00::/129")]
    [InlineData("not-an-address/24")]
    [InlineData("10.1/16")]
    [InlineData("010.0.0.0/8")]
    [InlineData("fe80::%eth0/64")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Malformed_Fails(string? cidr)
    {
        Assert.False(AddressBlock.TryParse(cidr, out var block, out var error));
        Assert.Null(block);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("127.42.0.0/24", "127.42.0.1", "127.42.0.254", "254")]
    [InlineData("10.0.0.0/30", "10.0.0.1", "10.0.0.2", "2")]
    [InlineData("10.0.0.0/31", "10.0.0.0", "10.0.0.1", "2")]
    [InlineData("10.0.0.9/32", "10.0.0.9", "10.0.0.9", "1")]
    [InlineData("fd00::/64", "fd00::1", "fd00::ffff:ffff:ffff:ffff", "18446744073709551615")]
    [InlineData("fd00::/126", "fd00::1", "fd00::3", "3")]
    [InlineData("fd00::/127", "fd00::", "fd00::1", "2")]
    [InlineData("fd00::5/128", "fd00::5", "fd00::5", "1")]
    [InlineData("::/0", "::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "340282366920938463463374607431768211455")]
    public void UsableRange_ByPrefix_ExcludesReservedAddresses(string cidr, string firstUsable, string lastUsable, string usableCount)
    {
        var block = AddressBlock.Parse(cidr);

        Assert.Equal(firstUsable, AddressBlock.ToAddress(block.FirstUsable, block.Family).ToString());
        Assert.Equal(lastUsable, AddressBlock.ToAddress(block.LastUsable, block.Family).ToString());
        Assert.Equal(usableCount, block.UsableCount.ToString());
    }

    [Theory]
    [InlineData("127.42.0.0/24", "127.42.0.0", true, false)]
    [InlineData("127.42.0.0/24", "127.42.0.1", true, true)]
    [InlineData("127.42.0.0/24", "127.42.0.255", true, false)]
    [InlineData("127.42.0.0/24", "127.42.1.0", false, false)]
    [InlineData("127.42.0.0/24", "::ffff:127.42.0.1", false, false)]
    [InlineData("10.0.0.0/31", "10.0.0.0", true, true)]
    [InlineData("fd00::/64", "fd00::", true, false)]
    [InlineData("fd00::/64", "fd00::ffff:ffff:ffff:ffff", true, true)]
    [InlineData("fd00::/127", "fd00::", true, true)]
    public void ContainsAndIsUsable_Address_MatchesRules(string cidr, string address, bool contains, bool usable)
    {
        var block = AddressBlock.Parse(cidr);

        Assert.Equal(contains, block.Contains(IPAddress.Parse(address)));
        Assert.Equal(usable, block.IsUsable(IPAddress.Parse(address)));
    }

    [Fact]
    public void LowestFree_NothingTaken_ReturnsFirstUsable()
    {
        var block = AddressBlock.Parse("127.42.0.0/24");

        Assert.Equal(IPAddress.Parse("127.42.0.1"), block.LowestFree([]));
    }

    [Fact]
    public void LowestFree_GapAfterTaken_ReturnsGap()
    {
        var block = AddressBlock.Parse("127.42.0.0/24");
        IPAddress[] inUse = [IPAddress.Parse("127.42.0.3"), IPAddress.Parse("127.42.0.1"), IPAddress.Parse("127.42.0.2"), IPAddress.Parse("127.42.0.5")];

        Assert.Equal(IPAddress.Parse("127.42.0.4"), block.LowestFree(inUse));
    }

    [Fact]
    public void LowestFree_DuplicatesAndOutsideAddresses_AreIgnored()
    {
        var block = AddressBlock.Parse("127.42.0.0/24");
        IPAddress[] inUse = [IPAddress.Parse("127.42.0.1"), IPAddress.Parse("127.42.0.1"), IPAddress.Parse("127.42.0.0"), IPAddress.Parse("10.0.0.2"), IPAddress.Parse("fd00::2")];

        Assert.Equal(IPAddress.Parse("127.42.0.2"), block.LowestFree(inUse));
    }

    [Fact]
    public void LowestFree_AllTaken_ReturnsNull()
    {
        var block = AddressBlock.Parse("10.0.0.0/30");

        Assert.Null(block.LowestFree([IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2")]));
    }

    [Fact]
    public void LowestFree_Slash32Taken_ReturnsNull()
    {
        var block = AddressBlock.Parse("10.0.0.9/32");

        Assert.Equal(IPAddress.Parse("10.0.0.9"), block.LowestFree([]));
        Assert.Null(block.LowestFree([IPAddress.Parse("10.0.0.9")]));
    }

    [Fact]
    public void LowestFree_Slash127_UsesBothAddresses()
    {
        var block = AddressBlock.Parse("fd00::/127");

        Assert.Equal(IPAddress.Parse("fd00::1"), block.LowestFree([IPAddress.Parse("fd00::")]));
        Assert.Null(block.LowestFree([IPAddress.Parse("fd00::"), IPAddress.Parse("fd00::1")]));
    }

    [Fact]
    public void LowestFree_HugeIpv6Block_DoesNotEnumerate()
    {
        var block = AddressBlock.Parse("fd00::/32");
        var inUse = Enumerable.Range(1, 1000).Select(i => AddressBlock.ToAddress(block.First + (UInt128)i, block.Family)).ToArray();

        var watch = Stopwatch.StartNew();
        var free = block.LowestFree(inUse);
        watch.Stop();

        Assert.Equal(IPAddress.Parse("fd00::3e9"), free);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"LowestFree took {watch.Elapsed}.");
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.0.0/16", true)]
    [InlineData("10.1.0.0/16", "10.0.0.0/8", true)]
    [InlineData("10.0.0.0/24", "10.0.0.0/24", true)]
    [InlineData("10.0.0.0/24", "10.0.1.0/24", false)]
    [InlineData("10.0.0.0/25", "10.0.0.128/25", false)]
    [InlineData("0.0.0.0/0", "192.168.0.0/16", true)]
    [InlineData("fd00::/64", "fd00::8000:0:0:0/65", true)]
    [InlineData("fd00::/64", "fd00:0:0:1::/64", false)]
    [InlineData("0.0.0.0/0", "::/0", false)]
    public void Overlaps_TwoBlocks_MatchesContainment(string left, string right, bool expected)
    {
        Assert.Equal(expected, AddressBlock.Parse(left).Overlaps(AddressBlock.Parse(right)));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("127.42.0.17")]
    [InlineData("::")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("fd00::1:2")]
    public void ToInteger_RoundTrip_ReturnsSameAddress(string text)
    {
        var address = IPAddress.Parse(text);

        Assert.Equal(address, AddressBlock.ToAddress(AddressBlock.ToInteger(address), address.AddressFamily));
    }
}
