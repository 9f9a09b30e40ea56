using System.Net;
using System.Net.Sockets;
using Surge.Ipam.Addressing;

namespace Surge.Ipam.Tests.Addressing;

/// <summary>The fast reader of canonical IPv4 blocks agrees with <see cref="AddressBlock.Parse"/> and rejects every other form.</summary>
public sealed class CanonicalIPv4BlockTests
{
    [Theory]
    [InlineData("10.0.0.16/28")]
    [InlineData("10.128.0.0/16")]
    [InlineData("0.0.0.0/0")]
    [InlineData("192.168.1.7/32")]
    [InlineData("10.0.0.0/31")]
    [InlineData("10.0.0.0/8")]
    public void TryRead_Canonical_MatchesParse(string cidr)
    {
        var parsed = AddressBlock.Parse(cidr);

        Assert.True(AddressBlock.TryReadCanonicalIPv4Block(cidr, out var first, out var last));
        Assert.Equal(parsed.First, first);
        Assert.Equal(parsed.Last, last);
    }

    [Theory]
    [InlineData("10.0.0.17/28")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/028")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/2a")]
    [InlineData("010.0.0.0/8")]
    [InlineData("fd00::/64")]
    [InlineData("")]
    public void TryRead_OtherForm_ReturnsFalse(string cidr) =>
        Assert.False(AddressBlock.TryReadCanonicalIPv4Block(cidr, out _, out _));

    [Theory]
    [InlineData("10.0.0.17")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("192.168.100.9")]
    [InlineData("10.128.255.0")]
    public void Format_IPv4_MatchesIPAddress(string text) =>
        Assert.Equal(text, AddressBlock.Format(AddressBlock.ToInteger(IPAddress.Parse(text)), AddressFamily.InterNetwork));

    [Theory]
    [InlineData("fd00::1")]
    [InlineData("2001:db8::ff00:42:8329")]
    public void Format_IPv6_MatchesIPAddress(string text) =>
        Assert.Equal(IPAddress.Parse(text).ToString(), AddressBlock.Format(AddressBlock.ToInteger(IPAddress.Parse(text)), AddressFamily.InterNetworkV6));
}
