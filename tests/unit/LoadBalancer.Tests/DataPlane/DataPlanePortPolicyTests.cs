using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Options;
using Surge.LoadBalancer.DataPlane;

namespace Surge.LoadBalancer.Tests.DataPlane;

public class DataPlanePortPolicyTests
{
    private static readonly Endpoint Proxy = new(_ => Task.CompletedTask, new EndpointMetadataCollection(DataPlaneEndpointMetadata.Instance), "proxy");
    private static readonly Endpoint Control = new(_ => Task.CompletedTask, new EndpointMetadataCollection(), "control");

    private static CandidateSet Match(int localPort)
    {
        var policy = new DataPlanePortPolicy(Options.Create(new LoadBalancerOptions { DataPlaneUrl = "http://127.0.0.1:6090" }));
        var candidates = new CandidateSet([Proxy, Control], [new RouteValueDictionary(), new RouteValueDictionary()], [0, 0]);
        var context = new DefaultHttpContext();
        context.Connection.LocalPort = localPort;
        policy.ApplyAsync(context, candidates).GetAwaiter().GetResult();
        return candidates;
    }

    [Fact]
    public void ApplyAsync_DataPlanePort_KeepsOnlyProxy()
    {
        var candidates = Match(6090);

        Assert.True(candidates.IsValidCandidate(0));
        Assert.False(candidates.IsValidCandidate(1));
    }

    [Fact]
    public void ApplyAsync_ControlPort_KeepsOnlyControl()
    {
        var candidates = Match(6085);

        Assert.False(candidates.IsValidCandidate(0));
        Assert.True(candidates.IsValidCandidate(1));
    }
}
