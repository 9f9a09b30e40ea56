using Surge.Contracts.Degradation;
using Surge.LoadBalancer.Degradation;

namespace Surge.LoadBalancer.Tests.Degradation;

public class NonCriticalRouteMatchTests
{
    private static readonly IReadOnlyList<NonCriticalRoute> Routes =
    [
        new("/api/recommendations", []),
        new("/api/feed/extras/", ["GET", "HEAD"]),
    ];

    [Theory]
    [InlineData("GET", "/api/recommendations", true)]
    [InlineData("POST", "/api/recommendations/top", true)]
    [InlineData("GET", "/API/Recommendations", true)]
    [InlineData("GET", "/api/recommendationsx", false)]
    [InlineData("GET", "/api/feed/extras", true)]
    [InlineData("HEAD", "/api/feed/extras/1", true)]
    [InlineData("POST", "/api/feed/extras", false)]
    [InlineData("GET", "/api/feed", false)]
    [InlineData("GET", "/", false)]
    public void IsNonCritical_ByPrefixAndMethod(string method, string path, bool expected) =>
        Assert.Equal(expected, NonCriticalRouteMatch.IsNonCritical(Routes, method, path));

    [Fact]
    public void IsNonCritical_RootPrefix_CoversEverything() =>
        Assert.True(NonCriticalRouteMatch.IsNonCritical([new NonCriticalRoute("/", [])], "GET", "/anything"));
}
