using Surge.LoadBalancer.DataPlane;
using Surge.LoadBalancer.ListingBackends;

namespace Surge.LoadBalancer.Tests.DataPlane;

public class ProxyConfigFactoryTests
{
    private static readonly Guid SagaId = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    private static readonly Guid First = Guid.Parse("0197a000-0000-7000-8000-0000000000a1");
    private static readonly Guid Second = Guid.Parse("0197a000-0000-7000-8000-0000000000a2");
    private static readonly DateTimeOffset AddedAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static BackendPoolView Pool(string service, params (Guid Id, string Endpoint)[] backends) =>
        new($"backend-pool/{service}", service, backends.Select(b => new PoolMemberView(b.Id, b.Endpoint, 1, SagaId, AddedAt)).ToArray());

    [Fact]
    public void Build_PoolWithBackends_RoutesServicePrefix()
    {
        var config = ProxyConfigFactory.Build([Pool("web", (First, "http://127.0.0.1:6101"))], "RoundRobin");

        var route = Assert.Single(config.Routes);
        Assert.Equal("web", route.RouteId);
        Assert.Equal("web", route.ClusterId);
        Assert.Equal("/web/{**remainder}", route.Match.Path);
    }

    [Fact]
    public void Build_PoolWithBackends_RemovesPrefixBeforeForwarding()
    {
        var config = ProxyConfigFactory.Build([Pool("web", (First, "http://127.0.0.1:6101"))], "RoundRobin");

        var transform = Assert.Single(Assert.Single(config.Routes).Transforms!);
        Assert.Equal("/web", transform["PathRemovePrefix"]);
    }

    [Fact]
    public void Build_TwoBackends_TwoDestinations()
    {
        var config = ProxyConfigFactory.Build(
            [Pool("web", (Second, "http://127.0.0.1:6102"), (First, "http://127.0.0.1:6101"))],
            "RoundRobin");

        var cluster = Assert.Single(config.Clusters);
        Assert.Equal("web", cluster.ClusterId);
        Assert.Equal("RoundRobin", cluster.LoadBalancingPolicy);
        Assert.Equal(2, cluster.Destinations!.Count);
        Assert.Equal("http://127.0.0.1:6101", cluster.Destinations[First.ToString()].Address);
        Assert.Equal("http://127.0.0.1:6102", cluster.Destinations[Second.ToString()].Address);
        Assert.Equal("1", cluster.Destinations[First.ToString()].Metadata![ProxyConfigFactory.WeightMetadataKey]);
    }

    [Fact]
    public void Build_EmptyPool_NoRoute()
    {
        var config = ProxyConfigFactory.Build([Pool("idle"), Pool("web", (First, "http://127.0.0.1:6101"))], "RoundRobin");

        Assert.Equal(["web"], config.Routes.Select(route => route.RouteId));
        Assert.Equal(["web"], config.Clusters.Select(cluster => cluster.ClusterId));
    }

    [Fact]
    public void Build_SeveralPools_OrdersByService()
    {
        var config = ProxyConfigFactory.Build(
            [Pool("web", (First, "http://127.0.0.1:6101")), Pool("api", (Second, "http://127.0.0.1:6102"))],
            "LeastRequests");

        Assert.Equal(["api", "web"], config.Routes.Select(route => route.RouteId));
        Assert.Equal(["api", "web"], config.Clusters.Select(cluster => cluster.ClusterId));
        Assert.All(config.Clusters, cluster => Assert.Equal("LeastRequests", cluster.LoadBalancingPolicy));
    }

    [Fact]
    public void Build_ReorderedPools_SameContent()
    {
        var web = Pool("web", (First, "http://127.0.0.1:6101"), (Second, "http://127.0.0.1:6102"));
        var api = Pool("api", (Second, "http://127.0.0.1:6102"));

        var sorted = ProxyConfigFactory.Build([web, api], "RoundRobin");
        var shuffled = ProxyConfigFactory.Build([api, web with { Backends = [.. web.Backends.Reverse()] }], "RoundRobin");

        Assert.True(sorted.HasSameContent(shuffled));
    }

    [Fact]
    public void Build_ChangedEndpoint_DifferentContent()
    {
        var before = ProxyConfigFactory.Build([Pool("web", (First, "http://127.0.0.1:6101"))], "RoundRobin");
        var after = ProxyConfigFactory.Build([Pool("web", (First, "http://127.0.0.1:6109"))], "RoundRobin");

        Assert.False(before.HasSameContent(after));
    }

    [Fact]
    public void Build_DrainingBackend_NoDestination()
    {
        var pool = Pool("web", (First, "http://127.0.0.1:6101"), (Second, "http://127.0.0.1:6102"));
        pool = pool with { Backends = [pool.Backends[0] with { DrainingUntil = AddedAt.AddMinutes(1) }, pool.Backends[1]] };

        var config = ProxyConfigFactory.Build([pool], "RoundRobin");

        var cluster = Assert.Single(config.Clusters);
        Assert.Equal([Second.ToString()], cluster.Destinations!.Keys);
    }

    [Fact]
    public void Build_AllBackendsDraining_NoRoute()
    {
        var pool = Pool("web", (First, "http://127.0.0.1:6101"));
        pool = pool with { Backends = [pool.Backends[0] with { DrainingUntil = AddedAt.AddMinutes(1) }] };

        var config = ProxyConfigFactory.Build([pool], "RoundRobin");

        Assert.Empty(config.Routes);
        Assert.Empty(config.Clusters);
    }

    [Fact]
    public void Build_WeightZero_NoDestinationButOthersStay()
    {
        var pool = Pool("web", (First, "http://127.0.0.1:6101"), (Second, "http://127.0.0.1:6102"));
        pool = pool with { Backends = [pool.Backends[0] with { Weight = 0 }, pool.Backends[1]] };

        var config = ProxyConfigFactory.Build([pool], "RoundRobin");

        Assert.Equal([Second.ToString()], Assert.Single(config.Clusters).Destinations!.Keys);
    }

    [Fact]
    public void Build_AllWeightsZero_NoRoute()
    {
        var pool = Pool("web", (First, "http://127.0.0.1:6101"));
        pool = pool with { Backends = [pool.Backends[0] with { Weight = 0 }] };

        var config = ProxyConfigFactory.Build([pool], "RoundRobin");

        Assert.Empty(config.Routes);
        Assert.Empty(config.Clusters);
    }
}
