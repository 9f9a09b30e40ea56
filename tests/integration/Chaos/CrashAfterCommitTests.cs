using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Chaos;

/// <summary>
/// A service killed (SIGKILL) right after it committed a step, before it handed the step's messages to the broker,
/// loses nothing: after a restart its outbox relay publishes them, and the saga completes.
/// </summary>
[Collection(ChaosCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class CrashAfterCommitTests(ChaosCluster cluster)
{
    private static readonly TimeSpan SagaTimeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(1, "capacity", "PlaceInstances")]
    [InlineData(2, "ipam", "AllocateAddresses")]
    [InlineData(3, "capacity", "AddressesAllocated")]
    [InlineData(4, "provisioner", "StartInstances")]
    [InlineData(5, "capacity", "InstanceStarted")]
    [InlineData(6, "loadbalancer", "RegisterBackends")]
    [InlineData(7, "capacity", "BackendsRegistered")]
    public async Task ScaleOutStep_ServiceKilledAfterCommit_SagaCompletes(int index, string service, string handling)
    {
        var name = $"crash-{index}";
        await cluster.ApplyFleetAsync(Fleets.ForService(name, $"127.78.{index}.0/24", $"{{alertname: Crash{index}}}"));
        await cluster.Service(service).RestartAsync(SurgeCluster.StartTimeout, new Dictionary<string, string> { ["Chaos__CrashAfterCommitOf"] = handling });

        var sagaId = await cluster.RequestScaleOutAsync(name, count: 2);

        Assert.True(await cluster.Service(service).WaitForExitAsync(TimeSpan.FromSeconds(60)), $"{service} did not crash after committing {handling}.\n{cluster.Logs()}");
        await cluster.Service(service).RestartAsync(SurgeCluster.StartTimeout);
        var saga = await cluster.WaitForFinishedSagaAsync(sagaId, SagaTimeout);
        Assert.True(saga.GetProperty("status").GetString() == "Completed", $"{saga}\n{cluster.Logs()}");
        await cluster.AssertServesTrafficAsync(name, saga);
    }

    [Fact]
    public async Task AlertIntake_CapacityKilledAfterCommit_RetriedAlertFindsSagaThatCompletes()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("crash-intake", "127.78.20.0/24", "{alertname: CrashIntake}"));
        var body = AlertmanagerBodies.Firing("CrashIntake", "crash-intake", DateTimeOffset.UtcNow);
        await cluster.Service("capacity").RestartAsync(SurgeCluster.StartTimeout, new Dictionary<string, string> { ["Chaos__CrashAfterCommitOf"] = "http" });

        using (var lost = await cluster.PostAlertmanagerAsync(body))
        {
            // Capacity died after committing and before answering, so Alertmanager sees a 5xx and will retry.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, lost.StatusCode);
        }

        Assert.True(await cluster.Service("capacity").WaitForExitAsync(TimeSpan.FromSeconds(30)));
        await cluster.Service("capacity").RestartAsync(SurgeCluster.StartTimeout);
        using var retried = await cluster.PostAlertmanagerAsync(body);
        var outcome = (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcomes")[0];

        Assert.Equal("duplicate", outcome.GetProperty("outcome").GetString());
        var saga = await cluster.WaitForFinishedSagaAsync(outcome.GetProperty("sagaId").GetGuid(), SagaTimeout);
        Assert.True(saga.GetProperty("status").GetString() == "Completed", $"{saga}\n{cluster.Logs()}");
    }
}
