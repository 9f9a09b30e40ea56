using Surge.ServiceDefaults.Messaging;

namespace Surge.ServiceDefaults.Tests.Messaging;

public sealed class RabbitMqAddressTests
{
    [Theory]
    [InlineData("amqp://guest:guest@127.0.0.1:56720/surge", "127.0.0.1", 56720, "surge", "guest", "guest")]
    [InlineData("amqp://app:p%40ss@127.0.0.1:5672/%2F", "127.0.0.1", 5672, "/", "app", "p@ss")]
    [InlineData("amqp://127.0.0.1", "127.0.0.1", 5672, "/", "guest", "guest")]
    [InlineData("amqp://u:p@localhost/surge-demo", "localhost", 5672, "surge-demo", "u", "p")]
    public void Parse_Uri_ReturnsParts(string uri, string host, int port, string virtualHost, string user, string password)
    {
        var address = RabbitMqAddress.Parse(uri);

        Assert.Equal(host, address.Host);
        Assert.Equal(port, address.Port);
        Assert.Equal(virtualHost, address.VirtualHost);
        Assert.Equal(user, address.Username);
        Assert.Equal(password, address.Password);
    }

    [Fact]
    public void Parse_AmqpsUri_UsesTlsAndPort5671()
    {
        var address = RabbitMqAddress.Parse("amqps://u:p@127.0.0.1/surge");

        Assert.True(address.UseTls);
        Assert.Equal(5671, address.Port);
    }

    [Fact]
    public void Parse_AmqpUri_DoesNotUseTls()
    {
        Assert.False(RabbitMqAddress.Parse("amqp://u:p@127.0.0.1/surge").UseTls);
    }
}
