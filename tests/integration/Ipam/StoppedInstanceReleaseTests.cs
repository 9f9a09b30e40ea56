using System.Net.Http.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Ipam;

/// <summary>An address allocated outside a saga is released as soon as the Provisioner reports its instance stopped.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Ipam")]
public sealed class StoppedInstanceReleaseTests(SurgeCluster cluster)
{
    [Fact]
    public async Task InstancesStopped_ReleasesTheirAddresses()
    {
        using (var apply = await cluster.Gateway.PutAsJsonAsync("/api/ipam/subnets/stopped-net", new { cidr = "10.222.0.0/24", nodes = new[] { "stopped-node" } }))
        {
            Assert.True(apply.IsSuccessStatusCode, await apply.Content.ReadAsStringAsync());
        }

        var stopped = Guid.NewGuid();
        var running = Guid.NewGuid();
        foreach (var instanceId in new[] { stopped, running })
        {
            using var allocated = await cluster.Gateway.PostAsJsonAsync("/api/ipam/allocations", new { instanceId, node = "stopped-node", pool = "stopped-pool" });
            Assert.True(allocated.IsSuccessStatusCode, await allocated.Content.ReadAsStringAsync());
        }

        // No saga will release an address allocated through the API, and this cluster's reconciliation waits minutes
        // before releasing the address of an unreported instance, so only the stop report can release it in time.
        await using var messages = await SagaMessages.ListenAsync(cluster);
        await messages.PublishAsync("Surge.Contracts.Instances:InstancesStopped", new { sagaId = Guid.NewGuid(), instanceIds = new[] { stopped } });

        await Eventually.GetAsync(
            async () => await cluster.AddressOfAsync(stopped.ToString()) is null ? true : (bool?)null,
            TimeSpan.FromSeconds(30),
            "Ipam to release the stopped instance's address");
        Assert.NotNull(await cluster.AddressOfAsync(running.ToString()));

        // The cluster is shared, and its invariant check counts an address whose instance no provider knows as leaked.
        using var released = await cluster.Gateway.DeleteAsync($"/api/ipam/allocations/instances/{running}");
        Assert.True(released.IsSuccessStatusCode, await released.Content.ReadAsStringAsync());
    }
}
