using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Chaos;

/// <summary>Many sagas at once never over-commit a node, never share an address, and grant exactly what fits.</summary>
[Collection(ChaosCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class ConcurrencyTests(ChaosCluster cluster)
{
    [Fact]
    public async Task FiftyRequestsForOneService_GrantExactlyWhatFits()
    {
        // Two nodes of 4000 millicores hold 16 instances of 500 millicores; the other 34 requests must fail placement.
        await cluster.ApplyFleetAsync(Fleets.ForService("crowd", "127.78.40.0/24", "{alertname: Crowd}", maxInstances: 100));

        var sagaIds = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => cluster.RequestScaleOutAsync("crowd", count: 1)));
        var sagas = await Task.WhenAll(sagaIds.Select(id => cluster.WaitForFinishedSagaAsync(id, TimeSpan.FromSeconds(120))));

        var completed = sagas.Where(s => s.GetProperty("status").GetString() == "Completed").ToList();
        Assert.Equal(16, completed.Count);
        Assert.All(sagas.Except(completed), s => Assert.Equal("placement", s.GetProperty("failedStep").GetString()));
        var addresses = completed.Select(s => s.GetProperty("instances")[0].GetProperty("address").GetString()).ToList();
        Assert.Equal(addresses.Count, addresses.Distinct().Count());
        var backends = await cluster.Gateway.GetFromJsonAsync<JsonElement[]>("/api/loadbalancer/services/crowd/backends");
        Assert.Equal(16, backends!.Length);
        await cluster.AssertNoInvariantViolationsAsync();
    }

    [Fact]
    public async Task TwoHundredSagasWithZeroLatency_AllComplete()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("swarm", "127.79.0.0/22", "{alertname: Swarm}", maxInstances: 1000, nodeCpu: 64000));
        await cluster.Service("provisioner").RestartAsync(SurgeCluster.StartTimeout, new Dictionary<string, string>
        {
            ["SimulatedDataCentre__Operations__StartInstance__Latency__Kind"] = "Fixed",
            ["SimulatedDataCentre__Operations__StartInstance__Latency__Mean"] = "00:00:00",
        });

        try
        {
            var sagaIds = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => cluster.RequestScaleOutAsync("swarm", count: 1)));
            var sagas = await Task.WhenAll(sagaIds.Select(id => cluster.WaitForFinishedSagaAsync(id, TimeSpan.FromSeconds(240))));

            var notCompleted = sagas.Where(s => s.GetProperty("status").GetString() != "Completed").ToList();
            Assert.True(notCompleted.Count == 0, $"{notCompleted.Count} sagas did not complete, first: {notCompleted.FirstOrDefault()}");
            await cluster.AssertNoInvariantViolationsAsync();
        }
        finally
        {
            await cluster.Service("provisioner").RestartAsync(SurgeCluster.StartTimeout);
        }
    }
}
