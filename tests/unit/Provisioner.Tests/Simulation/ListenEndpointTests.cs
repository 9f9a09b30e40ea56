using System.Net;
using Surge.Provisioner.Simulation;

namespace Surge.Provisioner.Tests.Simulation;

public sealed class ListenEndpointTests
{
    [Theory]
    [InlineData("127.0.0.1", 8080, "127.0.0.1", 8080)]
    [InlineData("127.42.0.10", 18080, "127.42.0.10", 18080)]
    [InlineData("127.255.255.254", 0, "127.255.255.254", 0)]
    [InlineData("::1", 8080, "::1", 8080)]
    [InlineData("::ffff:127.0.0.5", 8080, "127.0.0.5", 8080)]
    public void For_LoopbackAddress_ListensOnItAndInstancePort(string instanceAddress, int instancePort, string expectedAddress, int expectedPort)
    {
        var endpoint = ListenEndpoint.For(instanceAddress, instancePort);

        Assert.Equal(IPAddress.Parse(expectedAddress), endpoint.Address);
        Assert.Equal(expectedPort, endpoint.Port);
        Assert.False(endpoint.IsMapped);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.0.7")]
    [InlineData("128.0.0.1")]
    [InlineData("fd00::7")]
    [InlineData("node-1.internal")]
    [InlineData("")]
    public void For_OtherAddress_MapsToEphemeralPortOnLoopback(string instanceAddress)
    {
        var endpoint = ListenEndpoint.For(instanceAddress, 8080);

        Assert.Equal(IPAddress.Loopback, endpoint.Address);
        Assert.Equal(0, endpoint.Port);
        Assert.True(endpoint.IsMapped);
    }

    [Theory]
    [InlineData("127.42.0.10", 18080, "http://127.42.0.10:18080")]
    [InlineData("127.0.0.1", 80, "http://127.0.0.1:80")]
    [InlineData("::1", 8080, "http://[::1]:8080")]
    public void ToUrl_BoundPort_WritesAddressAndPort(string address, int port, string expected)
    {
        Assert.Equal(expected, new ListenEndpoint(IPAddress.Parse(address), 0, IsMapped: false).ToUrl(port));
    }

    [Theory]
    [InlineData("http://127.42.0.10:18080", "127.42.0.10", 18080)]
    [InlineData("http://[::1]:8080", "::1", 8080)]
    public void Parse_ReportedEndpoint_ReturnsAddressAndPort(string url, string expectedAddress, int expectedPort)
    {
        var endpoint = ListenEndpoint.Parse(url);

        Assert.Equal(IPAddress.Parse(expectedAddress), endpoint.Address);
        Assert.Equal(expectedPort, endpoint.Port);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("http://node-1:8080")]
    public void Parse_NotAnIpUrl_Throws(string url)
    {
        Assert.Throws<FormatException>(() => ListenEndpoint.Parse(url));
    }
}
