using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;
using Surge.IntegrationTests.ScaleIn;

namespace Surge.IntegrationTests.Scheduler;

/// <summary>Sagas that overflow at the same time share each provider's quota instead of each seeing it free.</summary>
[Collection(OverflowCollection.Name)]
[Trait("Category", "Scheduler")]
public sealed class ConcurrentOverflowTests(OverflowCluster cluster)
{
    private const string Service = "swell";
    private static readonly TimeSpan SagaTimeout = TimeSpan.FromSeconds(90);

    private const string Fleet = """
        apiVersion: surge/v1
        kind: Pool
        metadata: {name: swell-pool}
        spec: {overflowProviders: [private-cloud, public-cloud]}
        ---
        apiVersion: surge/v1
        kind: Node
        metadata: {name: swell-node-1}
        spec: {pool: swell-pool, zone: zone-a, rack: r1, cpuMillicores: 1000, memoryMiB: 4096}
        ---
        apiVersion: surge/v1
        kind: Subnet
        metadata: {name: swell-net}
        spec: {cidr: 127.78.2.0/24, gateway: 127.78.2.1, pools: [swell-pool]}
        ---
        apiVersion: surge/v1
        kind: Service
        metadata: {name: swell}
        spec:
          pool: swell-pool
          image: registry.local/swell:1.0.0
          shape: {cpuMillicores: 500, memoryMiB: 512}
          maxInstances: 40
        """;

    [Fact]
    public async Task ThreeSagasOverflowingAtOnce_NeverHoldMoreCloudNodesThanTheQuotas()
    {
        await cluster.ApplyFleetAsync(Fleet);
        var sagaIds = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => cluster.RequestScaleOutAsync(Service, 6)));
        var sagas = await Task.WhenAll(sagaIds.Select(id => cluster.WaitForFinishedSagaAsync(id, SagaTimeout)));

        var joined = new Dictionary<string, int>();
        foreach (var sagaId in sagaIds)
        {
            foreach (var e in (await cluster.GetSagaEventsAsync(sagaId)).Where(e => e.GetProperty("type").GetString() == "OverflowNodesJoined"))
            {
                var provider = e.GetProperty("data").GetProperty("provider").GetString()!;
                joined[provider] = joined.GetValueOrDefault(provider) + e.GetProperty("data").GetProperty("nodes").GetArrayLength();
            }
        }

        // The cluster's quotas: one private node and two public ones.
        Assert.True(joined.GetValueOrDefault("private-cloud") <= 1, $"Private cloud nodes joined: {joined.GetValueOrDefault("private-cloud")}.\n{cluster.Logs()}");
        Assert.True(joined.GetValueOrDefault("public-cloud") <= 2, $"Public cloud nodes joined: {joined.GetValueOrDefault("public-cloud")}.\n{cluster.Logs()}");
        Assert.All(sagas, saga => Assert.Contains(saga.GetProperty("status").GetString(), new[] { "Completed", "Failed" }));

        await ScaleEverythingInAsync(sagas);
    }

    // Gives the cloud nodes back, so the other scheduler tests of this cluster find the quotas free again.
    private async Task ScaleEverythingInAsync(JsonElement[] sagas)
    {
        var running = sagas.Where(saga => saga.GetProperty("status").GetString() == "Completed")
            .Sum(saga => saga.GetProperty("instances").GetArrayLength());
        if (running > 0)
        {
            var scaleIn = await cluster.RequestScaleInAsync(Service, running);
            var saga = await cluster.WaitForFinishedSagaAsync(scaleIn, SagaTimeout);
            Assert.True(saga.GetProperty("status").GetString() == "Completed", $"Scale-in {scaleIn} ended as {saga}.");
        }

        await cluster.WaitUntilCloudNodesGoneAsync(TimeSpan.FromSeconds(30));
    }
}
