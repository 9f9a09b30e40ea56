using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Provisioning;

/// <summary>
/// The broker does not keep one saga's messages in order through redeliveries, so a stop can reach the Provisioner
/// before the start it undoes. The late start must then start nothing, or an instance would run that no saga tracks
/// and keep its address.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class StopOvertakesStartTests(SurgeCluster cluster)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartAfterItsStop_StartsNothing()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("overtaken", "127.77.244.0/24", "{alertname: OvertakenTraffic}"));
        await using var messages = await SagaMessages.ListenAsync(
            cluster,
            "Surge.Contracts.Instances:InstancesStopped",
            "Surge.Contracts.Instances:InstanceStartFailed",
            "Surge.Contracts.Instances:InstanceStarted");
        var sagaId = Guid.NewGuid();
        var instanceId = Guid.NewGuid();

        await messages.PublishAsync("Surge.Contracts.Instances:StopInstances", new { sagaId, instanceIds = new[] { instanceId }, reason = "the saga gave up" });
        await messages.WaitForAsync("Surge.Contracts.Instances:InstancesStopped", message => message.GetProperty("sagaId").GetGuid() == sagaId, Timeout);
        await messages.PublishAsync("Surge.Contracts.Instances:StartInstances", new
        {
            sagaId,
            service = "overtaken",
            shape = new { cpuMillicores = 250, memoryMiB = 256, image = "registry.local/overtaken:1.0.0" },
            instances = new[] { new { instanceId, node = "overtaken-node-1", address = "127.77.244.10" } },
        });
        var failed = await messages.WaitForAsync("Surge.Contracts.Instances:InstanceStartFailed", message => message.GetProperty("instanceId").GetGuid() == instanceId, Timeout);

        Assert.Contains("the saga gave up", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var running = await cluster.Gateway.GetFromJsonAsync<JsonElement[]>("/api/provisioner/instances?service=overtaken");
        Assert.Empty(running!);
        var events = await cluster.Gateway.GetFromJsonAsync<JsonElement>($"/api/provisioner/audit/streams/instance/{instanceId}");
        Assert.Contains("InstanceStoppedBeforeRequest", events.GetRawText(), StringComparison.Ordinal);
    }
}
