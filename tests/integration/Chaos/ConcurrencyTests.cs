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

    [Fact]
    public async Task ThousandSagasWithJitteredReplies_EachCompletesOrTimesOutInTime()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("jitter", "127.80.0.0/21", "{alertname: Jitter}", maxInstances: 2000, nodeCpu: 256000));
        await cluster.Service("provisioner").RestartAsync(SurgeCluster.StartTimeout, new Dictionary<string, string>
        {
            ["SimulatedDataCentre__TimeScale"] = "1",
            ["SimulatedDataCentre__Operations__StartInstance__Latency__Kind"] = "Uniform",
            ["SimulatedDataCentre__Operations__StartInstance__Latency__Min"] = "00:00:00.050",
            ["SimulatedDataCentre__Operations__StartInstance__Latency__Max"] = "00:00:00.500",
        });

        try
        {
            var sagaIds = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => cluster.RequestScaleOutAsync("jitter", count: 1)));
            var sagas = await WaitAllAsync(sagaIds, TimeSpan.FromMinutes(6));

            var unfinished = sagas.Where(s => s.GetProperty("status").GetString() is not ("Completed" or "Failed")).ToList();
            Assert.True(unfinished.Count == 0, $"{unfinished.Count} sagas neither completed nor compensated, first: {unfinished.FirstOrDefault()}");
            foreach (var failed in sagas.Where(s => s.GetProperty("status").GetString() == "Failed").Take(20))
            {
                await AssertFailedByItsDeadlineAsync(failed);
            }

            await cluster.AssertNoInvariantViolationsAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await cluster.Service("provisioner").RestartAsync(SurgeCluster.StartTimeout);
        }
    }

    // Polls the list of sagas in pages instead of each saga, so a thousand sagas do not mean a thousand pollers.
    private async Task<JsonElement[]> WaitAllAsync(Guid[] sagaIds, TimeSpan timeout)
    {
        var pending = sagaIds.ToHashSet();
        var finished = new Dictionary<Guid, JsonElement>();
        var deadline = DateTime.UtcNow + timeout;
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var id in pending.Take(100).ToList())
            {
                var saga = await cluster.GetSagaAsync(id);
                if (saga.GetProperty("status").GetString() is "Completed" or "PartiallyCompleted" or "Failed" or "Cancelled" or "Declined")
                {
                    finished[id] = saga;
                    pending.Remove(id);
                }
            }

            await Task.Delay(500);
        }

        Assert.True(pending.Count == 0, $"{pending.Count} sagas still running after {timeout.TotalMinutes} minutes.\n{cluster.Logs()}");
        return [.. finished.Values];
    }

    private async Task AssertFailedByItsDeadlineAsync(JsonElement saga)
    {
        var events = await cluster.GetSagaEventsAsync(saga.GetProperty("sagaId").GetGuid());
        var timedOut = events.SingleOrDefault(e => e.GetProperty("type").GetString() == "StepTimedOut");
        Assert.True(timedOut.ValueKind == JsonValueKind.Object, $"A saga failed without passing a deadline: {saga}");

        // The scanner fires every 250 ms in this cluster; a few seconds of slack cover a loaded machine.
        var data = timedOut.GetProperty("data");
        var late = data.GetProperty("at").GetDateTimeOffset() - data.GetProperty("deadline").GetDateTimeOffset();
        Assert.True(late < TimeSpan.FromSeconds(10), $"The deadline fired {late.TotalSeconds:F1} s late: {saga}");
    }
}
