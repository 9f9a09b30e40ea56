using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Chaos;

/// <summary>A provider that never answers leaves no saga waiting forever: its deadline fails it, or an operator cancels it, and both undo every step.</summary>
[Collection(ChaosCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class UnresponsiveProviderTests(ChaosCluster cluster)
{
    private static readonly Dictionary<string, string> NeverAnswer = new() { ["SimulatedDataCentre__Operations__StartInstance__NeverAnswerRate"] = "1" };

    [Fact]
    public async Task InstancesNeverReady_DeadlineFailsSagaAndUndoesSteps()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("silent", "127.78.31.0/24", "{alertname: Silent}"));
        await cluster.Service("provisioner").RestartAsync(SurgeCluster.StartTimeout, NeverAnswer);

        try
        {
            var sagaId = await cluster.RequestScaleOutAsync("silent", count: 2);
            var saga = await cluster.WaitForFinishedSagaAsync(sagaId, TimeSpan.FromSeconds(90));

            Assert.True(saga.GetProperty("status").GetString() == "Failed", $"{saga}\n{cluster.Logs()}");
            Assert.Equal("instances", saga.GetProperty("failedStep").GetString());
            var types = (await cluster.GetSagaEventsAsync(sagaId)).Select(e => e.GetProperty("type").GetString()).ToList();
            Assert.Contains("StepTimedOut", types);
            Assert.Equal(2, types.Count(type => type == "CompensationStepCompleted"));
            await cluster.AssertNoInvariantViolationsAsync();
        }
        finally
        {
            await cluster.Service("provisioner").RestartAsync(SurgeCluster.StartTimeout);
        }
    }

    [Fact]
    public async Task RunningSagaCancelled_UndoesStepsAndEndsCancelled()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("cancel", "127.78.32.0/24", "{alertname: Cancel}"));
        await cluster.Service("provisioner").RestartAsync(SurgeCluster.StartTimeout, NeverAnswer);

        try
        {
            var sagaId = await cluster.RequestScaleOutAsync("cancel", count: 2);
            await Eventually.GetAsync<JsonElement>(
                async () => await cluster.GetSagaAsync(sagaId) is var saga && saga.GetProperty("status").GetString() == "StartingInstances" ? saga : null,
                TimeSpan.FromSeconds(30),
                "the saga to wait for its instances");

            using var cancel = await cluster.Gateway.PostAsJsonAsync($"/api/sagas/{sagaId}/cancel", new { reason = "Traffic dropped before the instances came up." });
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
            var finished = await cluster.WaitForFinishedSagaAsync(sagaId, TimeSpan.FromSeconds(60));

            Assert.True(finished.GetProperty("status").GetString() == "Cancelled", $"{finished}\n{cluster.Logs()}");
            using var again = await cluster.Gateway.PostAsJsonAsync($"/api/sagas/{sagaId}/cancel", new { reason = "twice" });
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            await cluster.AssertNoInvariantViolationsAsync();
        }
        finally
        {
            await cluster.Service("provisioner").RestartAsync(SurgeCluster.StartTimeout);
        }
    }
}
