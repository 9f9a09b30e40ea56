using Surge.IntegrationTests.Harness;
using Surge.IntegrationTests.ScaleIn;

namespace Surge.IntegrationTests.Chaos;

/// <summary>
/// A service killed (SIGKILL) right after it committed a scale-in step, before it handed the step's messages to the
/// broker, loses nothing: after a restart its outbox relay publishes them, the scale-in completes and the fleet is consistent.
/// </summary>
[Collection(ChaosCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class ScaleInCrashTests(ChaosCluster cluster)
{
    private static readonly TimeSpan SagaTimeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(1, "loadbalancer", "DrainBackends")]
    [InlineData(2, "capacity", "BackendsDrained")]
    [InlineData(3, "provisioner", "StopInstances")]
    [InlineData(4, "capacity", "InstancesStopped")]
    [InlineData(5, "ipam", "ReleaseAddresses")]
    [InlineData(6, "capacity", "AddressesReleased")]
    public async Task ScaleInStep_ServiceKilledAfterCommit_SagaCompletes(int index, string service, string handling)
    {
        var name = $"shrink-crash-{index}";
        await cluster.ApplyFleetAsync(Fleets.ForService(name, $"127.82.{index}.0/24", $"{{alertname: ShrinkCrash{index}}}"));
        var instances = await cluster.ScaleOutAndWaitAsync(name, count: 3, SagaTimeout);
        await cluster.Service(service).RestartAsync(SurgeCluster.StartTimeout, new Dictionary<string, string> { ["Chaos__CrashAfterCommitOf"] = handling });

        var sagaId = await cluster.RequestScaleInAsync(name, count: 2);

        Assert.True(await cluster.Service(service).WaitForExitAsync(TimeSpan.FromSeconds(60)), $"{service} did not crash after committing {handling}.\n{cluster.Logs()}");
        await cluster.Service(service).RestartAsync(SurgeCluster.StartTimeout);
        var saga = await cluster.WaitForFinishedSagaAsync(sagaId, SagaTimeout);
        Assert.True(saga.GetProperty("status").GetString() == "Completed", $"{saga}\n{cluster.Logs()}");
        var victims = ScaleInRequests.VictimIds(saga);
        await cluster.AssertTrafficOnlyToAsync(name, [.. instances.Except(victims)], victims);
        await cluster.AssertNoInvariantViolationsAsync();
    }
}
