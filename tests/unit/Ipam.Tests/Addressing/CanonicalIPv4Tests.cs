using System.Net;
using Surge.Ipam.Addressing;

namespace Surge.Ipam.Tests.Addressing;

/// <summary>The fast reader of canonical IPv4 text agrees with <see cref="IPAddress"/> and refuses every other form.</summary>
public sealed class CanonicalIPv4Tests
{
    [Theory]
    [InlineData("10.0.0.17")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("192.168.100.9")]
    public void TryRead_Canonical_MatchesIPAddress(string text)
    {
        Assert.True(AddressBlock.TryReadCanonicalIPv4(text, out var value));
        Assert.Equal(AddressBlock.ToInteger(IPAddress.Parse(text)), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0")]
    [InlineData("10.0.0.1.2")]
    [InlineData("10.0.0.256")]
    [InlineData("010.0.0.1")]
    [InlineData("10.0.0.1 ")]
    [InlineData("10..0.1")]
    [InlineData("10.1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("1000.0.0.1")]
    public void TryRead_OtherForm_Refuses(string text) =>
        Assert.False(AddressBlock.TryReadCanonicalIPv4(text, out _));
}
