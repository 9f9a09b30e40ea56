using Surge.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace Surge.IntegrationTests.Rollout;

/// <summary>
/// Rollouts through the gateway while requests flow through the load balancer: drained in-place loses none, plain
/// in-place loses some that are counted, and neither adds or removes a backend.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Rollout")]
public sealed class RolloutUnderTrafficTests(SurgeCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task DrainedInPlace_UnderTraffic_LosesNothing()
    {
        var (traffic, rollout, before, after) = await RollOutUnderTrafficAsync("roll-drained", "127.77.230.0/24", "drained-in-place");

        Assert.Equal("Completed", rollout.Status());
        Assert.True(traffic.Failed == 0, $"{traffic.Failed} of {traffic.Sent} requests failed: {string.Join(", ", traffic.Failures.Select(f => $"{f.Key} x{f.Value}"))}");
        Assert.Equal(before, after);
        Assert.Single(traffic.BackendSets);
    }

    [Fact]
    public async Task InPlace_UnderTraffic_CountsLosses()
    {
        var (traffic, rollout, before, after) = await RollOutUnderTrafficAsync("roll-inplace", "127.77.231.0/24", "in-place");

        // Requests in flight to a restarting instance may fail; the test reports how many, and the rollout still
        // completes without touching the backend set.
        output.WriteLine($"in-place: {traffic.Failed} of {traffic.Sent} requests failed ({string.Join(", ", traffic.Failures.Select(f => $"{f.Key} x{f.Value}"))})");
        Assert.Equal("Completed", rollout.Status());
        Assert.Equal(before, after);
        Assert.Single(traffic.BackendSets);
    }

    private async Task<(ConstantTraffic Traffic, System.Text.Json.JsonElement Rollout, IReadOnlyList<string> Before, IReadOnlyList<string> After)> RollOutUnderTrafficAsync(
        string service, string cidr, string strategy)
    {
        await cluster.ApplyFleetAsync(Fleets.ForService(service, cidr, $"{{alertname: {service}}}", maxInstances: 12));
        var scaleOut = await cluster.WaitForFinishedSagaAsync(await cluster.RequestScaleOutAsync(service, 6), TimeSpan.FromSeconds(90));
        Assert.True(scaleOut.GetProperty("status").GetString() == "Completed", $"{scaleOut}");
        var before = await cluster.BackendSetAsync(service);
        var newImage = $"registry.local/{service}:2.0.0";

        var traffic = ConstantTraffic.Start(cluster, service);
        System.Text.Json.JsonElement rollout;
        try
        {
            await Task.Delay(300);
            var rolloutId = await cluster.StartRolloutAsync(new { service, image = newImage, strategy, batchSize = 2, healthGate = new { httpPath = "/healthz" }, requestedBy = "tests" });
            rollout = await cluster.WaitForFinishedRolloutAsync(rolloutId);
            await Task.Delay(300);
        }
        finally
        {
            await traffic.DisposeAsync();
        }

        var after = await cluster.BackendSetAsync(service);
        var images = await cluster.ImagesAsync(service);
        Assert.Equal(6, images.Count);
        Assert.All(images.Values, image => Assert.Equal(newImage, image));
        Assert.True(traffic.ServedByImage.ContainsKey(newImage), "No request was answered by the new image.");
        return (traffic, rollout, before, after);
    }
}
