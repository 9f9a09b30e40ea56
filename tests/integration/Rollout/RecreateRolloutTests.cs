using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Rollout;

/// <summary>
/// A recreate rollout through the gateway under traffic: Capacity starts new instances with new addresses and removes
/// the old ones, so the backend set changes completely while no request is lost.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Rollout")]
public sealed class RecreateRolloutTests(SurgeCluster cluster)
{
    [Fact]
    public async Task Recreate_UnderTraffic_ReplacesEveryInstance()
    {
        const string service = "roll-recreate";
        var newImage = $"registry.local/{service}:2.0.0";
        await cluster.ApplyFleetAsync(Fleets.ForService(service, "127.77.236.0/24", $"{{alertname: {service}}}", maxInstances: 12));
        var scaleOut = await cluster.WaitForFinishedSagaAsync(await cluster.RequestScaleOutAsync(service, 4), TimeSpan.FromSeconds(90));
        Assert.True(scaleOut.GetProperty("status").GetString() == "Completed", $"{scaleOut}");
        var before = await cluster.BackendSetAsync(service);
        var oldIds = (await cluster.ImagesAsync(service)).Keys.ToHashSet();

        var traffic = ConstantTraffic.Start(cluster, service);
        System.Text.Json.JsonElement rollout;
        try
        {
            await Task.Delay(300);
            var rolloutId = await cluster.StartRolloutAsync(new { service, image = newImage, strategy = "recreate", batchSize = 2, healthGate = new { httpPath = "/healthz" }, requestedBy = "tests" });
            rollout = await cluster.WaitForFinishedRolloutAsync(rolloutId, TimeSpan.FromSeconds(120));
            await Task.Delay(300);
        }
        finally
        {
            await traffic.DisposeAsync();
        }

        Assert.True(rollout.Status() == "Completed", $"{rollout}\n{cluster.Logs()}");
        Assert.Equal("recreate", rollout.GetProperty("strategy").GetString());
        var images = await cluster.ImagesAsync(service);
        Assert.Equal(4, images.Count);
        Assert.All(images.Values, image => Assert.Equal(newImage, image));
        Assert.Empty(images.Keys.Intersect(oldIds));
        var after = await cluster.BackendSetAsync(service);
        Assert.Equal(4, after.Count);
        Assert.Empty(after.Intersect(before));
        Assert.True(traffic.Failed == 0, $"{traffic.Failed} of {traffic.Sent} requests failed: {string.Join(", ", traffic.Failures.Select(f => $"{f.Key} x{f.Value}"))}");
        Assert.True(traffic.ServedByImage.ContainsKey(newImage), "No request was answered by the new image.");
        await cluster.AssertNoInvariantViolationsAsync();

        // Capacity learned the rolled-out image, so a later scale-out starts it rather than the declared one.
        var later = await cluster.WaitForFinishedSagaAsync(await cluster.RequestScaleOutAsync(service, 1), TimeSpan.FromSeconds(60));
        Assert.True(later.GetProperty("status").GetString() == "Completed", $"{later}");
        var added = (await cluster.ImagesAsync(service)).Where(entry => !images.ContainsKey(entry.Key)).ToList();
        Assert.Equal(newImage, Assert.Single(added).Value);
    }
}
