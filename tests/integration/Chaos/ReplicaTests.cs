using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Chaos;

/// <summary>Two processes of Capacity and of Ipam share the work: sagas still complete, and no address or reservation is handed out twice.</summary>
[Collection(ChaosCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class ReplicaTests(ChaosCluster cluster)
{
    [Fact]
    public async Task SecondCapacityAndIpam_SagasCompleteWithoutDuplicates()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("replicas", "127.78.60.0/24", "{alertname: Replicas}", maxInstances: 200, nodeCpu: 32000));
        // The replicas stop at the end of this test, so the other chaos tests, which kill one process, see only that one.
        await using var capacity = await cluster.StartReplicaAsync("capacity");
        await using var ipam = await cluster.StartReplicaAsync("ipam");

        var sagaIds = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => cluster.RequestScaleOutAsync("replicas", count: 1)));
        var sagas = await Task.WhenAll(sagaIds.Select(id => cluster.WaitForFinishedSagaAsync(id, TimeSpan.FromSeconds(180))));

        var notCompleted = sagas.Where(s => s.GetProperty("status").GetString() != "Completed").ToList();
        Assert.True(notCompleted.Count == 0, $"{notCompleted.Count} sagas did not complete, first: {notCompleted.FirstOrDefault()}");
        var addresses = sagas.Select(s => s.GetProperty("instances")[0].GetProperty("address").GetString()).ToList();
        Assert.Equal(addresses.Count, addresses.Distinct().Count());
        var backends = await cluster.Gateway.GetFromJsonAsync<JsonElement[]>("/api/loadbalancer/services/replicas/backends");
        Assert.Equal(60, backends!.Length);
        await cluster.AssertNoInvariantViolationsAsync();
    }
}
