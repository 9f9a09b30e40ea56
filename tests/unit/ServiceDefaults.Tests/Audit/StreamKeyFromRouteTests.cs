using Surge.ServiceDefaults.Audit;

namespace Surge.ServiceDefaults.Tests.Audit;

/// <summary>A stream key reaches the audit route the same whether its slash came escaped or not.</summary>
public sealed class StreamKeyFromRouteTests
{
    [Theory]
    [InlineData("subnet/feed", "subnet/feed")]
    [InlineData("subnet%2Ffeed", "subnet/feed")]
    [InlineData("subnet%2ffeed", "subnet/feed")]
    [InlineData("addresses%2Ffeed-net", "addresses/feed-net")]
    [InlineData("saga-7f3a", "saga-7f3a")]
    public void StreamKeyFromRoute_GivesKey(string routeValue, string expected)
    {
        Assert.Equal(expected, AuditEndpoints.StreamKeyFromRoute(routeValue));
    }
}
