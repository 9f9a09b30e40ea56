using Surge.Capacity.Nodes;
using Surge.Capacity.ServiceCatalog;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Tests.ServiceCatalog;

public sealed class DegradationSpecTests
{
    private static readonly ServiceSpec Service = new("feed-pool", "registry.local/feed-api:1.0.0", new InstanceShapeSpec(500, 512), 0, 12);

    private static IReadOnlyDictionary<string, string[]> Reject(DegradationSpec degradation) =>
        Assert.Throws<RequestValidationException>(() => (Service with { Degradation = degradation }).Validate("feed-api", poolExists: true)).Errors;

    [Fact]
    public void Validate_WithoutDegradation_StaysValid() => Service.Validate("feed-api", poolExists: true);

    [Fact]
    public void Validate_RoutesAndRetryAfter_Valid()
    {
        var spec = new DegradationSpec(["/api/recommendations", "GET,HEAD /api/feed/extras"], "45s");

        (Service with { Degradation = spec }).Validate("feed-api", poolExists: true);

        Assert.Equal(["/api/recommendations", "/api/feed/extras"], spec.Routes().Select(route => route.PathPrefix));
        Assert.Equal(["GET", "HEAD"], spec.Routes()[1].Methods);
        Assert.Empty(spec.Routes()[0].Methods);
        Assert.Equal(TimeSpan.FromSeconds(45), spec.RetryAfterOrDefault());
    }

    [Fact]
    public void RetryAfterOrDefault_NotGiven_IsThirtySeconds() =>
        Assert.Equal(TimeSpan.FromSeconds(30), new DegradationSpec(["/a"]).RetryAfterOrDefault());

    [Fact]
    public void Validate_NoRoutes_NamesTheField() =>
        Assert.Equal(["spec.degradation.nonCriticalRoutes"], Reject(new DegradationSpec([])).Keys);

    [Theory]
    [InlineData("api/recommendations")]
    [InlineData("/api/*")]
    [InlineData("/api?x=1")]
    [InlineData("GET POST /api")]
    [InlineData("G3T /api")]
    [InlineData("")]
    public void Validate_BadRoute_NamesItsIndex(string route) =>
        Assert.Equal(["spec.degradation.nonCriticalRoutes[1]"], Reject(new DegradationSpec(["/ok", route])).Keys);

    [Theory]
    [InlineData("0s")]
    [InlineData("500ms")]
    [InlineData("2h")]
    [InlineData("thirty")]
    public void Validate_BadRetryAfter_NamesTheField(string retryAfter) =>
        Assert.Equal(["spec.degradation.retryAfter"], Reject(new DegradationSpec(["/a"], retryAfter)).Keys);
}
